// The recording command's answers, checked without the editor: ports as RFC 793 numbers them
// (16 bits, 0 for the system's choice), forward URLs as every delivery target is checked, and the
// arguments a caller may pass in place of the questions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseForward, parsePort, readArgs } from '../../src/editor/record-plan';

describe('the port typed for a recording', () => {
  it('is a decimal number from 0 to 65535, spaces around it ignored', () => {
    assert.deepEqual(parsePort('0'), { port: 0 });
    assert.deepEqual(parsePort(' 8080 '), { port: 8080 });
    assert.deepEqual(parsePort('65535'), { port: 65535 });
  });

  it('is an error sentence for anything else', () => {
    for (const bad of ['', '65536', '-1', '80.5', '8e3', '0x50', '１２３', '80 80']) assert.ok('error' in parsePort(bad), bad);
  });
});

describe('the forward URL of a recording', () => {
  it('is none when empty, and the URL when it is a loopback http(s) URL', () => {
    assert.deepEqual(parseForward('  ', false, 0), {});
    const f = parseForward('http://127.0.0.1:3000/hook', false, 0);
    assert.ok('url' in f && f.url?.href === 'http://127.0.0.1:3000/hook');
  });

  it('refuses a remote host unless allowed, and any scheme but http(s)', () => {
    assert.ok('error' in parseForward('https://receiver.example.com/hook', false, 0));
    assert.ok('url' in parseForward('https://receiver.example.com/hook', true, 0));
    assert.ok('error' in parseForward('ftp://127.0.0.1/hook', false, 0));
  });

  it('refuses the recorder itself: its own port on this machine, by any loopback name', () => {
    for (const self of ['http://127.0.0.1:4000/', 'http://localhost:4000/x', 'http://[::1]:4000/', 'http://127.0.0.2:4000/']) assert.ok('error' in parseForward(self, false, 4000), self);
    assert.ok('url' in parseForward('http://127.0.0.1:4001/', false, 4000));
    // Port 0 is not known until the recorder listens: nothing to compare yet.
    assert.ok('url' in parseForward('http://127.0.0.1:80/', false, 0));
  });
});

describe("the recording command's arguments", () => {
  it('answers the questions given, and none when there is no object', () => {
    assert.deepEqual(readArgs({ port: 0, out: '/tmp/x.alfred.jsonl', forwardTo: '' }), { args: { port: 0, out: '/tmp/x.alfred.jsonl', forwardTo: '' } });
    assert.deepEqual(readArgs(undefined), { args: {} });
    assert.deepEqual(readArgs('x'), { args: {} });
  });

  it('is an error sentence for a member of the wrong type', () => {
    for (const bad of [{ port: '80' }, { port: 1.5 }, { port: 70000 }, { out: 3 }, { forwardTo: null }]) assert.ok('error' in readArgs(bad), JSON.stringify(bad));
  });
});
