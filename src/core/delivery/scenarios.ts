/**
 * The orders replay delivers events in (README "Replaying a log as a contract test"): as they
 * happened, each twice, and a seeded shuffle. Same items and seed, same order, on every machine.
 */
import type { Deliverable } from './deliverables';

/** The scenarios, in the order a run takes them when none is named (README). */
export type ScenarioName = 'in-order' | 'duplicates' | 'shuffled' | 'redelivery';
export const SCENARIOS: readonly ScenarioName[] = ['in-order', 'duplicates', 'shuffled', 'redelivery'];

/** One delivery of a scenario's plan: the item, and which copy of it (2 only in `duplicates`). */
export interface Planned {
  item: Deliverable;
  copy: number;
}

/**
 * The items by event time, earliest first; equal or missing times keep the given order (files in
 * the order given, then lines), and items without a time come last. Array.prototype.sort is
 * stable (ECMA-262 since 2019), so ties stay as given.
 */
export function inOrder(items: readonly Deliverable[]): Deliverable[] {
  return [...items].sort((a, b) => {
    if (a.eventTime === undefined || b.eventTime === undefined) return (a.eventTime === undefined ? 1 : 0) - (b.eventTime === undefined ? 1 : 0);
    return a.eventTime - b.eventTime;
  });
}

/**
 * The deliveries of a scenario: `in-order` and `redelivery` the in-order list; `duplicates`
 * each of it twice in a row (copy 1 then copy 2); `shuffled` a Fisher–Yates shuffle of it drawn
 * from mulberry32(seed).
 */
export function plan(items: readonly Deliverable[], scenario: ScenarioName, seed: number): Planned[] {
  const ordered = inOrder(items);
  switch (scenario) {
    case 'duplicates':
      return ordered.flatMap((item) => [{ item, copy: 1 }, { item, copy: 2 }]);
    case 'shuffled':
      return shuffle(ordered, mulberry32(seed)).map((item) => ({ item, copy: 1 }));
    default:
      return ordered.map((item) => ({ item, copy: 1 }));
  }
}

/**
 * mulberry32, Tommy Ettinger's 32-bit generator as published in bryc's "PRNGs for JavaScript"
 * (https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32): a 32-bit state advanced
 * by 0x6D2B79F5 each call and mixed; each call returns a number in [0, 1) with 32 bits of
 * randomness. The seed is taken modulo 2^32 (`seed >>> 0`). Chosen for being short enough to
 * check by hand and to write again in any language from this comment.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A copy of `list` shuffled by Fisher–Yates as Durstenfeld wrote it (Knuth, TAOCP vol. 2,
 * Algorithm 3.4.2P): for i from n−1 down to 1, swap element i with element
 * j = floor(random() × (i + 1)).
 */
export function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
