/*
 * Growable columns of numbers for the streaming cross-event pass: millions of rows in typed
 * arrays of fixed-size pages, so that growing never copies (a doubling array would briefly hold
 * both copies, 1.5 times the memory the rows need). Columns read only at the end can hand their
 * full pages to a PageStore (a temporary file in the CLI) and read them back a few at a time.
 */

type Page = Float64Array | Int32Array | Uint32Array | Int8Array;

const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;

/** Where full pages can be put away and fetched again (by the number `put` returned). */
export interface PageStore {
  put(bytes: Uint8Array): number;
  get(id: number, into: Uint8Array): void;
}

/** Pages of a stored column kept in memory while it is read: its readers go mostly in order. */
const CACHED_PAGES = 4;

/** A column of numbers, appended to and read by row index. */
export class Column<T extends Page> {
  /** A page in memory, or the number of a page put away. */
  private readonly pages: (T | number)[] = [];
  private readonly cache = new Map<number, T>();
  private n = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly store?: PageStore,
  ) {}

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    const page = this.n >>> PAGE_BITS;
    if (page === this.pages.length) {
      const full = page - 1;
      if (this.store && full >= 0) {
        const p = this.pages[full] as T;
        this.pages[full] = this.store.put(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
      }
      this.pages.push(this.make(PAGE));
    }
    (this.pages[page] as T)[this.n & (PAGE - 1)] = v;
    this.n++;
  }

  get(i: number): number {
    const page = i >>> PAGE_BITS;
    const p = this.pages[page]!;
    return (typeof p === 'number' ? this.load(page, p) : p)[i & (PAGE - 1)]!;
  }

  private load(page: number, id: number): T {
    let p = this.cache.get(page);
    if (p) return p;
    // The oldest page's memory is read into again: reading a column makes no garbage.
    const oldest = this.cache.size >= CACHED_PAGES ? this.cache.keys().next().value! : undefined;
    p = oldest === undefined ? this.make(PAGE) : this.cache.get(oldest)!;
    if (oldest !== undefined) this.cache.delete(oldest);
    this.store!.get(id, new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    this.cache.set(page, p);
    return p;
  }
}

export const f64 = (store?: PageStore): Column<Float64Array> => new Column((n) => new Float64Array(n), store);
export const i32 = (store?: PageStore): Column<Int32Array> => new Column((n) => new Int32Array(n), store);
export const u32 = (store?: PageStore): Column<Uint32Array> => new Column((n) => new Uint32Array(n), store);
export const i8 = (store?: PageStore): Column<Int8Array> => new Column((n) => new Int8Array(n), store);

/**
 * An open-addressing hash table of entry numbers (linear probing, at most half full), for keys
 * kept elsewhere: `hashOf` gives an entry's hash again when the table grows.
 */
export class OpenTable {
  private table = new Int32Array(1 << 12);
  private size = 0;

  constructor(private readonly hashOf: (entry: number) => number) {}

  /**
   * The first entry with hash `hash` that `same` accepts; else -1, and `entry` (if given) is
   * added under that hash.
   */
  lookup(hash: number, same: (entry: number) => boolean, entry?: number): number {
    if (this.size * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (let e = this.table[slot]!; e !== 0; slot = (slot + 1) & mask, e = this.table[slot]!) {
      if (same(e - 1)) return e - 1;
    }
    if (entry !== undefined) {
      this.table[slot] = entry + 1;
      this.size++;
    }
    return -1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const e of old) {
      if (e === 0) continue;
      let slot = this.hashOf(e - 1) & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = e;
    }
  }
}
