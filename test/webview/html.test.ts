/** timelineHtml: the page's HTML, checked as text (no browser). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timelineHtml } from '../../src/webview/html';
import { HOSTILE, hostile } from './fixtures';

const base = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/media/timeline.css' };

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('timelineHtml', () => {
  it('a strict CSP: nothing but the webview source and the nonce', () => {
    const html = timelineHtml({ ...base, state: {} });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-bm9uY2Utbm9uY2Utbm9uY2U='; font-src https://file+.vscode-resource.vscode-cdn.net;",
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:\/\/(?!x\/|file\+)/);
    assert.match(html, /<script nonce="bm9uY2Utbm9uY2Utbm9uY2U=" src="https:\/\/x\/dist\/webview\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/media\/timeline\.css">/);
    assert.equal(html.match(/<script/g)?.length, 1, 'one script, from a file, no inline code');
    assert.doesNotMatch(html, /style="/);
  });

  it('the state goes in an escaped data-state attribute, and comes back out whole', () => {
    const state = { uri: 'file:///a"b\'c<d>&e', filter: HOSTILE.join(' '), jobId: HOSTILE[1]!, selectedMarkId: null, scrollTop: 12, data: hostile() };
    const html = timelineHtml({ ...base, state });
    const attr = /<body data-state="([^"]*)" data-l10n="\{\}">/.exec(html)?.[1];
    assert.ok(attr, 'one double-quoted attribute, never ended early');
    assert.doesNotMatch(attr, /[<>"']/);
    assert.deepEqual(JSON.parse(unescape(attr)), JSON.parse(JSON.stringify(state)));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /<img|<svg|<a |<\/script><script>/, 'payload tags are all escaped');
  });

  it('the translations go in an escaped data-l10n attribute, with the language in <html lang>', () => {
    const messages = { 'Job timeline': 'Escala de tiempo "<b>" & \'x\'', Created: 'Creado' };
    const html = timelineHtml({ ...base, state: {}, messages, lang: 'es-AR' });
    const attr = /<body data-state="\{\}" data-l10n="([^"]*)">/.exec(html)?.[1];
    assert.ok(attr, 'one double-quoted attribute, never ended early');
    assert.doesNotMatch(attr, /[<>"']/);
    assert.deepEqual(JSON.parse(unescape(attr)), messages);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="es-AR">/);
    // A tag that is no BCP 47 language cannot leave the attribute.
    assert.match(timelineHtml({ ...base, state: {}, lang: 'es" onload="x' }), /<html lang="en">/);
  });

  it('a CSP source or nonce cannot add directives or leave the attribute', () => {
    const html = timelineHtml({ ...base, cspSource: "x; script-src 'unsafe-inline' \"", nonce: "n' 'unsafe-eval", state: {} });
    assert.doesNotMatch(html, /unsafe-inline'|'unsafe-eval'/);
    assert.equal(/content="([^"]*)"/.exec(html)?.[1]?.split(';').filter(Boolean).length, 5);
  });
});
