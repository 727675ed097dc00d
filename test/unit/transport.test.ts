// The core's deliver() where the platform's fetch answers as a browser does: a redirect under
// `redirect: 'manual'` is an "opaque-redirect filtered response" whose status is 0 and whose
// headers are empty (WHATWG Fetch §3.1.4 "filtered response"), so neither a 3xx nor a Location
// can be read from it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answered, deliver, type Fetch } from '../../src/core/index';

describe('deliver() in a browser', () => {
  it('an opaque redirect fails as a redirect that the browser does not locate, and is not followed', async () => {
    const asked: RequestInit[] = [];
    const opaque: Fetch = (_url, init) => {
      asked.push(init);
      return Promise.resolve({ type: 'opaqueredirect', status: 0, statusText: '', headers: new Headers(), body: null } as unknown as Response);
    };
    const outcome = await deliver({ url: new URL('http://127.0.0.1:3000/hook'), method: 'POST', body: '{}', timeoutMs: 1000 }, opaque);
    assert.ok(!answered(outcome));
    assert.equal(outcome.failure, 'redirect');
    assert.equal(outcome.message, 'the receiver redirected (the browser does not say where); redirects are not followed: name the final URL');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.redirect, 'manual');
  });
});
