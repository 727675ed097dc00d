// The editor's sending decisions without an editor: which receiver (setting > team file > the
// URL typed earlier > ask), nothing at all in an untrusted workspace (the integration tests'
// code-server runs trusted, so the guard's decision is tested here with the trust state given),
// the loopback rule (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3, RFC 6761 §6.3, hosts as the WHATWG URL
// standard parses them), what a browser's failure is explained with, and the response page:
// escaped (HTML Living Standard), RFC 9110 §15 status classes, JSON (RFC 8259) re-indented as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseReceiver, failureSentence, senderOf, type ReceiverInputs } from '../../src/editor/receiver-policy';
import { prettyJson, responseHtml, statusClass, type ResponseShown } from '../../src/editor/response-html';

const base: ReceiverInputs = { trusted: true, settingUrl: '', settingAllowRemote: false };
const urlOf = (inputs: Partial<ReceiverInputs>): string | undefined => {
  const c = chooseReceiver({ ...base, ...inputs });
  return 'receiver' in c ? c.receiver.url.href : undefined;
};

describe('which receiver the editor sends to', () => {
  it('nothing at all in an untrusted workspace, whatever the settings and the team file say', () => {
    for (const inputs of [{}, { settingUrl: 'http://127.0.0.1:3000/' }, { team: { url: 'http://127.0.0.1:4000/' } }, { answered: 'http://127.0.0.1:5000/' }]) {
      assert.deepEqual(chooseReceiver({ ...base, ...inputs, trusted: false }), { untrusted: true });
    }
  });

  it('the setting wins over the team file, which wins over the URL typed earlier; without any, ask', () => {
    const team = { url: 'http://127.0.0.1:4000/team' };
    assert.equal(urlOf({ settingUrl: 'http://127.0.0.1:3000/s', team, answered: 'http://127.0.0.1:5000/' }), 'http://127.0.0.1:3000/s');
    assert.equal(urlOf({ settingUrl: '  ', team, answered: 'http://127.0.0.1:5000/' }), 'http://127.0.0.1:4000/team');
    assert.equal(urlOf({ answered: 'http://127.0.0.1:5000/' }), 'http://127.0.0.1:5000/');
    assert.deepEqual(chooseReceiver(base), { ask: true, allowRemote: false });
    assert.deepEqual(chooseReceiver({ ...base, team: { allowRemote: true } }), { ask: true, allowRemote: true });
  });

  it('a remote host is refused, naming it and the setting that allows it, unless the setting or the team file allows it', () => {
    const refused = chooseReceiver({ ...base, settingUrl: 'http://hooks.example.com/a' });
    assert.ok('refused' in refused);
    assert.match(refused.refused, /^hooks\.example\.com is not a loopback address .*alfredEvents\.receiver\.allowRemote.*\(the alfredEvents\.receiver\.url setting\)$/);
    assert.equal(urlOf({ settingUrl: 'http://hooks.example.com/a', settingAllowRemote: true }), 'http://hooks.example.com/a');
    assert.equal(urlOf({ settingUrl: 'http://hooks.example.com/a', team: { allowRemote: true } }), 'http://hooks.example.com/a');
    // Loopback as the URL standard parses it: 127.1 is 127.0.0.1; 127.0.0.1.example.com is not loopback.
    assert.equal(urlOf({ settingUrl: 'http://127.1:3000/' }), 'http://127.0.0.1:3000/');
    assert.equal(urlOf({ settingUrl: 'http://127.0.0.1.example.com/' }), undefined);
  });

  it('what is no http(s) URL is refused with the reason and where it came from', () => {
    const junk = chooseReceiver({ ...base, team: { url: 'ftp://127.0.0.1/' } });
    assert.ok('refused' in junk && /not an http: or https: URL \(receiver\.url of \.alfred-events\.json\)$/.test(junk.refused));
    const state = chooseReceiver({ ...base, team: { url: 'http://127.0.0.1/', stateUrl: 'http://example.com/state' } });
    assert.ok('refused' in state && state.refused.includes('receiver.stateUrl'));
    const ok = chooseReceiver({ ...base, team: { url: 'http://127.0.0.1/', stateUrl: 'http://localhost:3000/state' } });
    assert.ok('receiver' in ok && ok.receiver.stateUrl?.href === 'http://localhost:3000/state');
  });

  it("the team file's stateUrl goes only with the team file's own url, as the CLI's receiver.stateUrl goes only without --to", () => {
    const team = { url: 'http://127.0.0.1:4000/hook', stateUrl: 'http://127.0.0.1:4000/state' };
    const stateOf = (inputs: Partial<ReceiverInputs>): string | undefined => {
      const c = chooseReceiver({ ...base, ...inputs });
      assert.ok('receiver' in c);
      return c.receiver.stateUrl?.href;
    };
    assert.equal(stateOf({ team }), 'http://127.0.0.1:4000/state');
    // The setting names another receiver: the file's state URL is not its state.
    assert.equal(stateOf({ team, settingUrl: 'http://127.0.0.1:3000/other' }), undefined);
    // A file with a state URL and no url: the URL typed at the prompt has none.
    assert.equal(stateOf({ team: { stateUrl: team.stateUrl }, answered: 'http://127.0.0.1:5000/' }), undefined);
    // Nor is a state URL that is not used refused.
    assert.ok('receiver' in chooseReceiver({ ...base, settingUrl: 'http://127.0.0.1:3000/', team: { stateUrl: 'http://example.com/state' } }));
  });
});

describe('why the browser could not reach the receiver', () => {
  const network = { failure: 'network' as const, message: 'no answer: Failed to fetch', ms: 3 };
  it('from Node, the core sentence stands', () => {
    assert.equal(failureSentence(network, new URL('http://127.0.0.1:3000/'), { browser: false }), network.message);
  });
  it('from a browser: CORS (the preflight and its headers) and Private Network Access, not "Failed to fetch"', () => {
    const text = failureSentence(network, new URL('http://127.0.0.1:3000/'), { browser: true, secure: true });
    for (const needed of ['OPTIONS', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Headers: content-type', 'Access-Control-Allow-Private-Network: true']) assert.ok(text.includes(needed), needed);
    assert.ok(!text.includes('Failed to fetch'));
    // http://127.0.0.1 is a secure context (W3C Secure Contexts §3.2): no mixed content to explain.
    assert.ok(!text.includes('mixed content'));
  });
  it('an http: receiver elsewhere than localhost from an https: page is mixed content', () => {
    const text = failureSentence(network, new URL('http://192.168.1.5:3000/'), { browser: true, secure: true });
    assert.match(text, /mixed content/);
    assert.ok(!failureSentence(network, new URL('http://192.168.1.5:3000/'), { browser: true, secure: false }).includes('mixed content'));
  });
  it("VS Code for the Web's extension host is a worker loaded from a blob: URL: the page's https: is found through the URL's origin", () => {
    // A blob: URL's origin is that of the page that made it (WHATWG URL §6.4 "origin").
    const blob = 'blob:https://vscode.dev/6c4e1c2a-0d6a-4d44-9b7f-3a1f4f5c2d10';
    const worker = { location: { protocol: 'blob:', href: blob, origin: new URL(blob).origin }, isSecureContext: true };
    const sender = senderOf(worker);
    assert.deepEqual(sender, { browser: true, secure: true });
    assert.match(failureSentence(network, new URL('http://192.168.1.5:3000/'), sender), /mixed content/);
    assert.deepEqual(senderOf({ location: { origin: new URL('blob:http://example.test/x').origin } }), { browser: true, secure: false });
    // No origin to read: the worker's own secure-context flag (W3C Secure Contexts §2.1).
    assert.deepEqual(senderOf({ location: { origin: 'null' }, isSecureContext: true }), { browser: true, secure: true });
    assert.deepEqual(senderOf({ process: { versions: { node: '20.0.0' } }, location: { origin: 'https://vscode.dev' } }), { browser: false });
  });

  it('other failures keep their own sentence in the browser too', () => {
    const timeout = { failure: 'timeout' as const, message: 'no answer within 10000 ms', ms: 10000 };
    assert.equal(failureSentence(timeout, new URL('http://127.0.0.1/'), { browser: true, secure: true }), timeout.message);
  });
});

describe('the response page', () => {
  const request: ResponseShown['request'] = { method: 'POST', url: 'http://127.0.0.1:3000/<x>', source: 'a.alfred.json', line: 1, body: '{}', bytes: 2 };
  const response = (status: number, body: string, headers: [string, string][] = []): ResponseShown => ({ request, response: { status, statusText: 'X', headers, body, truncated: false, ms: 4 } });

  it('RFC 9110 §15 status classes', () => {
    assert.deepEqual([100, 204, 301, 404, 503, 600, 99].map(statusClass), ['informational', 'successful', 'redirection', 'client-error', 'server-error', 'other', 'other']);
  });

  it('shows everything the receiver sent as text: nothing it says becomes markup', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const html = responseHtml(response(200, hostile, [['x-evil', hostile]]), 'N0NCE');
    assert.ok(!html.includes('<script>alert') && !html.includes('<img'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('http://127.0.0.1:3000/&lt;x&gt;'));
    // One style element, under the nonce; no script element at all; a policy that allows nothing else.
    assert.deepEqual(html.match(/<(script|style)[^>]*>/g), ['<style nonce="N0NCE">']);
    assert.match(html, /content="default-src 'none'; style-src 'nonce-N0NCE'"/);
    assert.match(html, /<a href="command:alfredEvents\.copyAsCurl">/);
  });

  it('a failure shows its sentence; a truncated body says so', () => {
    const failed = responseHtml({ request, failure: { kind: 'refused', message: 'the connection was refused', ms: 1 } }, 'n');
    assert.ok(failed.includes('the connection was refused'));
    const cut = responseHtml({ request, response: { status: 200, statusText: 'OK', headers: [], body: 'x', truncated: true, ms: 1 } }, 'n');
    assert.match(cut, /Cut at 1 MiB/);
  });

  it('JSON is re-indented with every token as written; anything else is left alone', () => {
    assert.equal(prettyJson('{"a":[1,2,{}],"b":{"c":12345678901234567890,"d":"x\\"y,{"},"e":[]}'), '{\n  "a": [\n    1,\n    2,\n    {}\n  ],\n  "b": {\n    "c": 12345678901234567890,\n    "d": "x\\"y,{"\n  },\n  "e": []\n}');
    assert.equal(prettyJson('{"a": 1, "a": 2}'), '{\n  "a": 1,\n  "a": 2\n}');
    assert.equal(prettyJson(' "ok" '), '"ok"');
    assert.equal(prettyJson('ok'), undefined);
    assert.equal(prettyJson('{"a": 1'), undefined);
  });
});
