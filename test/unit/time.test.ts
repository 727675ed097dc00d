import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDate } from '../../src/core/time';

describe('parseDate', () => {
  it('agrees with Date.parse on the usual form and on near misses of it', () => {
    // Seeded, so a failure names a string that fails again.
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const two = (): string => String(random(100)).padStart(2, '0');
    const tried: string[] = ['2023-02-30T00:00:00Z', '2024-02-29T23:59:59Z', '2023-01-01T24:00:00Z', '2023-00-10T10:00:00Z', '0000-01-01T00:00:00Z', '2023-1a-01T00:00:00Z', '2023-01-01 00:00:00Z', '2023-01-01T00:00:00z'];
    for (let i = 0; i < 20000; i++) tried.push(`${two()}${two()}-${two()}-${two()}T${two()}:${two()}:${two()}Z`);
    for (const s of tried) assert.equal(parseDate(s), Date.parse(s), s);
  });

  it('leaves other forms to Date.parse', () => {
    for (const s of ['2023-05-24T20:00:00.123Z', '2023-05-24T20:00:00+02:00', '2023-05-24', 'yesterday', '']) assert.equal(parseDate(s), Date.parse(s), s);
  });
});
