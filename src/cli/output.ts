/**
 * Reports written a piece at a time: a report of a million findings is hundreds of MB, more than
 * one JavaScript string may hold, so no report is ever one string. `write` may return a promise
 * (a pipe that is full): it is awaited before more is written.
 */
export type Write = (text: string) => void | Promise<void>;

/** Gathers small pieces into writes of some tens of KB. */
export class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: Write) {}

  async put(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.write(text);
  }
}

/** An array in a JSON value that is written an item at a time. */
export class Streamed {
  constructor(readonly items: Iterable<unknown>) {}
}

/**
 * Writes a value as JSON.stringify(value, null, 2) would write it, with Streamed arrays written
 * item by item: the same bytes, never one string for the whole.
 */
export async function writeJson(out: Output, value: unknown, indent = ''): Promise<void> {
  if (value instanceof Streamed) {
    const inner = indent + '  ';
    let any = false;
    for (const item of value.items) {
      await out.put((any ? ',\n' : '[\n') + inner);
      await writeJson(out, item, inner);
      any = true;
    }
    await out.put(any ? `\n${indent}]` : '[]');
    return;
  }
  if (typeof value !== 'object' || value === null || !holdsStreamed(value)) {
    await out.put((JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, '\n' + indent));
    return;
  }
  const inner = indent + '  ';
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value).filter(([, v]) => v !== undefined);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    await out.put(open + close);
    return;
  }
  let first = true;
  for (const [key, v] of entries) {
    await out.put((first ? `${open}\n` : ',\n') + inner + (Array.isArray(value) ? '' : `${JSON.stringify(key)}: `));
    await writeJson(out, v, inner);
    first = false;
  }
  await out.put(`\n${indent}${close}`);
}

function holdsStreamed(value: object): boolean {
  return Object.values(value).some((v: unknown) => v instanceof Streamed || (typeof v === 'object' && v !== null && holdsStreamed(v)));
}
