/*
 * Growable columns of numbers for the streaming cross-event pass: millions of rows in typed
 * arrays of fixed-size pages, so that growing never copies (a doubling array would briefly hold
 * both copies, 1.5 times the memory the rows need).
 */

type Page = Float64Array | Int32Array | Uint32Array | Int8Array;

const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;

/** A column of numbers, appended to and read by row index. */
export class Column<T extends Page> {
  private readonly pages: T[] = [];
  private n = 0;

  constructor(private readonly make: (length: number) => T) {}

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    const page = this.n >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(this.make(PAGE));
    this.pages[page]![this.n & (PAGE - 1)] = v;
    this.n++;
  }

  get(i: number): number {
    return this.pages[i >>> PAGE_BITS]![i & (PAGE - 1)]!;
  }

  /** Bytes held, for the benchmark's account of memory. */
  get bytes(): number {
    return this.pages.reduce((sum, p) => sum + p.byteLength, 0);
  }
}

export const f64 = (): Column<Float64Array> => new Column((n) => new Float64Array(n));
export const i32 = (): Column<Int32Array> => new Column((n) => new Int32Array(n));
export const u32 = (): Column<Uint32Array> => new Column((n) => new Uint32Array(n));
export const i8 = (): Column<Int8Array> => new Column((n) => new Int8Array(n));

/** Strings numbered in the order first seen. */
export class Interned {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
