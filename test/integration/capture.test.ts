// A capture saved by Alfred's demo receiver, opened in the real editor (README "Captures made
// before"): diagnostics on the planted values inside it, the outline's payloads, the timeline's
// marks revealing them. Expected places come from the text written here, through VS Code's own
// positionAt.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, codes, diagnosticsOf, file, until, workspaceUri, type Api } from './helpers';

// Ids of their own, so that the workspace's other files share no job or event with the capture.
const JOB = 'c0ffee00-1c2f-4a6b-8d9e-0f1a2b3c4d5e';
const ID_A = 'c0ffee01-2fa1-41d2-883f-0016d3cca427';
const ID_B = 'c0ffee02-ee8a-4ca4-894e-db77e160355e';

function payload(eventId: string, name: string, eventTime: string): string {
  return `{
        "event_id": "${eventId}",
        "event_type": "job_event_type",
        "event_time": ${eventTime},
        "event": {
          "event_name": "${name}",
          "event_type": "job_event_type",
          "company_id": "0e0d2c55-8b5a-4e0f-9c5d-6c7a1b2c3d4e",
          "company_name": "Acme",
          "job_id": "${JOB}",
          "creation_date": "2024-05-24T20:00:00Z",
          "update_date": "2024-05-24T20:00:00Z"
        }
      }`;
}

const PAYLOADS = [payload(ID_A, 'job_start_event', '1716580800'), payload(ID_B, 'job_finished_event', '"soon"'), payload(ID_A, 'job_start_event', '1716580800')];
const TEXT = `{
  "event_count": 3,
  "events": [
${PAYLOADS.map((p, i) => `    {\n      "payload": ${p},\n      "reception_date": "2024-05-24T20:00:0${i}.123Z"\n    }`).join(',\n')}
  ]
}
`;

describe('a capture of the demo receiver', () => {
  let a: Api;
  let doc: vscode.TextDocument;
  before(async () => {
    a = await api();
    await closeAll();
    doc = (await file('output.json', TEXT)).document;
  });
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(workspaceUri('scratch', 'output.json'));
  });

  const range = (needle: string, nth = 0): vscode.Range => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = TEXT.indexOf(needle, at + 1);
    return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
  };

  it('shows each problem on the planted value inside it: a wrong type, a redelivery', async () => {
    const ds = await diagnosticsOf(doc.uri, (d) => codes(d).includes('invalid-type') && codes(d).includes('duplicate-event-id'), 'the capture\'s findings');
    assert.deepEqual(codes(ds).sort(), ['duplicate-event-id', 'invalid-type']);
    const wrong = ds.find((d) => codes([d])[0] === 'invalid-type')!;
    assert.ok(wrong.range.isEqual(range('"soon"')), `invalid-type at ${JSON.stringify(wrong.range)}`);
    const dup = ds.find((d) => codes([d])[0] === 'duplicate-event-id')!;
    assert.ok(dup.range.isEqual(range(`"${ID_A}"`, 1)), `duplicate-event-id at ${JSON.stringify(dup.range)}`);
    assert.ok(dup.relatedInformation?.[0]?.location.range.isEqual(range(`"${ID_A}"`, 0)));
  });

  it('the outline lists its payloads under their job', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    // VS Code's own JSON outline lists the file's members beside ours (a plain .json file).
    const ours = symbols.filter((s) => s.name.startsWith('job '));
    assert.deepEqual(ours.map((s) => s.name), [`job ${JOB}`]);
    const children = ours[0]!.children;
    assert.deepEqual(children.map((c) => c.name), ['job_start_event', 'job_finished_event', 'job_start_event']);
    // The third payload is the first one delivered again: the same text, its second occurrence.
    children.forEach((c, i) => assert.ok(c.range.isEqual(range(PAYLOADS[i]!, PAYLOADS.slice(0, i).filter((p) => p === PAYLOADS[i]).length)), `payload ${i} at ${JSON.stringify(c.range)}`));
  });

  it('the timeline draws its job, and a mark clicked reveals its payload inside the capture', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
    const p = a.previews().find((x) => x.document === doc);
    assert.ok(p, 'no preview of the capture');
    const data = await until(p.onDidRender, () => (p.lastData?.jobs.length ? p.lastData : undefined), 'the capture\'s timeline');
    assert.deepEqual(data.jobs.map((j) => j.id), [JOB]);
    const mark = data.jobs[0]!.marks.find((m) => m.ref?.record === 1);
    assert.ok(mark?.ref, JSON.stringify(data.jobs[0]!.marks));
    await p.onMessage({ type: 'reveal', ref: mark.ref });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, doc);
    assert.ok(range(PAYLOADS[1]!).contains(editor.selection.active), `the cursor at ${JSON.stringify(editor.selection.active)}`);
  });
});
