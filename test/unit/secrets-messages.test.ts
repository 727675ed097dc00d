// No message of any rule repeats a secret or a piece of personal data (README "Secrets and
// personal data": the message says what was found, never the secret), whichever field holds it
// and whether the secret rules are on: messages go into CI logs and SARIF uploads. The kind is
// tested by planting each secret in every member of every example event, where a string, a
// number, a date, an id or a URL belongs, so that every rule that quotes a value gets to quote it.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validate } from '../../src/core/index';
import { FIXTURES, fixture } from './helpers';

// One of each kind, with the part that must never be printed. The values are made up, in the
// shapes the standards give: RFC 3986 userinfo, RFC 7519 JWT, GitHub's documented token shape,
// RFC 5322 addr-spec, E.164.
const SECRETS: { value: string; secret: string }[] = [
  { value: 'https://alfred:Tr0ub4dorSecret@files.example.org/a.pdf', secret: 'Tr0ub4dorSecret' },
  { value: 'htps://alfred:Tr0ub4dorSecret@nwl.io/', secret: 'Tr0ub4dorSecret' },
  { value: 'https://acct.blob.core.windows.net/c/b.pdf?sv=2022-11-02&se=2025-01-01T00%3A00%3A00Z&sp=r&sig=Zm9vYmFyYmF6cXV4c2VjcmV0c2lnbmF0dXJlMTIzNDU2Nzg5MA%3D%3D', secret: 'Zm9vYmFyYmF6cXV4c2VjcmV0c2lnbmF0dXJlMTIzNDU2Nzg5MA' },
  { value: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', secret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' },
  { value: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', secret: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U' },
  { value: 'dana.whitfield@northwind-logistics.com', secret: 'dana.whitfield' },
  { value: 'call +54 9 11 4567 8901', secret: '4567 8901' },
];

const EXAMPLES = readdirSync(join(FIXTURES, 'examples')).filter((f) => f.endsWith('_event.alfred.json')).sort();

describe('messages never repeat a secret', () => {
  for (const { value, secret } of SECRETS) {
    it(`${secret.slice(0, 12)}…, planted in every member of every event, with the secret rules on and off`, () => {
      let planted = 0;
      for (const file of EXAMPLES) {
        const payload = JSON.parse(fixture('examples', file)) as { event: Record<string, unknown> } & Record<string, unknown>;
        const places: [Record<string, unknown>, string][] = [
          ...Object.keys(payload).filter((k) => k !== 'event').map((k): [Record<string, unknown>, string] => [payload, k]),
          ...Object.keys(payload.event).filter((k) => k !== 'event_name').map((k): [Record<string, unknown>, string] => [payload.event, k]),
        ];
        for (const [owner, key] of places) {
          const before = owner[key];
          owner[key] = Array.isArray(before) ? [value] : value;
          const text = JSON.stringify(payload, null, 2);
          owner[key] = before;
          planted++;
          for (const rules of [{}, { 'signed-url': 'off', credential: 'off', 'personal-data': 'off' } as const]) {
            for (const d of validate(text, { rules })) {
              assert.ok(!d.message.includes(secret), `${file} ${key} ${d.code}: ${d.message}`);
              for (const r of d.related ?? []) assert.ok(!r.message.includes(secret), `${file} ${key} ${d.code} related: ${r.message}`);
            }
          }
        }
      }
      assert.ok(planted >= 24 * 10, `planted in only ${planted} places`);
    });
  }
});
