// What the CLI prints of a receiver's answer or a payload's strings cannot drive the terminal
// (ECMA-48 control functions start with a C0 or C1 control character: ESC is 0x1B, CSI 0x9B) or
// reorder what is shown (the bidirectional controls of Unicode UAX #9, CVE-2021-42574).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/run';
import { printable, printableLine } from '../../src/cli/terminal';
import { edit, example, tempFolder } from './helpers';
import { receiver } from './receivers';

/** Every character a terminal would act on, but line feed (and tab, which only moves the cursor right) in a body. */
const acting = (text: string, keep: string): string[] =>
  [...text].filter((c) => {
    const n = c.codePointAt(0)!;
    return !keep.includes(c) && (n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069));
  });

async function cli(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await run(args, { cwd, stdout: (t) => void (stdout += t), stderr: () => undefined });
  return { status, stdout };
}

describe('terminal safety of what the CLI prints', () => {
  it('printable keeps line feeds and tabs; printableLine keeps nothing that acts; both escape as JSON writes them', () => {
    const hostile = 'a\u001b[2Jb\r\nc\rd\u0000e\u009bf\u202eg\u2066h\u007fi\tj\nk';
    assert.equal(printable(hostile), 'a\\u001b[2Jb\nc\\u000dd\\u0000e\\u009bf\\u202eg\\u2066h\\u007fi\tj\nk');
    assert.equal(printableLine(hostile), 'a\\u001b[2Jb\\u000d\\u000ac\\u000dd\\u0000e\\u009bf\\u202eg\\u2066h\\u007fi\\u0009j\\u000ak');
    assert.deepEqual(acting(printable(hostile), '\n\t'), []);
    assert.deepEqual(acting(printableLine(hostile), ''), []);
    // Text without such characters is unchanged: é, emoji, CJK, quotes.
    assert.equal(printableLine('café 📦 文件 "x" \\'), 'café 📦 文件 "x" \\');
  });

  it('send: an answer that clears the screen and fakes an ok line is shown inert', async () => {
    const r = await receiver((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('\u001b[2J\u001b[31mcleared\r\nok: the receiver accepted it\u009b0m'));
    const dir = tempFolder({ 'p.alfred.json': example('job_start_event') });
    const out = await cli(dir, 'send', 'p.alfred.json', '--to', r.url, '--no-config');
    assert.equal(out.status, 1);
    assert.deepEqual(acting(out.stdout, '\n'), []);
    // The faked line is not a line of its own.
    assert.ok(!out.stdout.split('\n').includes('ok: the receiver accepted it'));
  });

  it('replay: an event name with a line break and escapes stays on its one failure line', async () => {
    const r = await receiver((_req, res) => res.writeHead(500).end());
    const name = 'job_start_event\n\u001b[32mok    in-order  fake\u202e';
    const record = JSON.stringify(JSON.parse(edit(example('job_start_event'), '"event_name": "job_start_event"', `"event_name": ${JSON.stringify(name)}`)));
    const dir = tempFolder({ 'l.alfred.jsonl': `${record}\n` });
    const out = await cli(dir, 'replay', 'l.alfred.jsonl', '--to', r.url, '--no-config', '--scenario', 'in-order');
    assert.equal(out.status, 1);
    assert.deepEqual(acting(out.stdout, '\n'), []);
    const failures = out.stdout.split('\n').filter((l) => l.startsWith('l.alfred.jsonl:1 '));
    assert.equal(failures.length, 1);
    assert.match(failures[0]!, /: HTTP 500/);
    assert.ok(!out.stdout.split('\n').some((l) => l.startsWith('ok    in-order  fake')));
  });
});
