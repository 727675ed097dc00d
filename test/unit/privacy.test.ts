// No network and no telemetry, checked on what ships: the built bundles may load only the modules
// listed here, and hold no API that reaches the network, save the one delivery to the receiver
// the user names (the core's deliver(): the CLI's handshake, the editor's Send to receiver and
// handshake check), which follows no redirect, and the recorder's forward of what it received to
// the receiver named with --forward-to, with node:http/https (which follow no redirect).
// (test:unit builds them first.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const DIST = join(__dirname, '..', '..', 'dist');
const ALLOWED: Record<string, string[]> = {
  // The recorder of *Start Recording Deliveries…*, on the user's command only: a listener on
  // 127.0.0.1 (http), its log and sidecar (fs, path), and its forward to the receiver the user
  // names (http, https). The web build has none.
  'extension.js': ['node:fs', 'node:http', 'node:https', 'node:path', 'vscode'],
  'web/extension.js': ['vscode'],
  // Threads for long logs, a temporary file for their rows (os), a garbage collection now and then (v8, vm);
  // `record`'s server (http), on a loopback address unless --allow-remote, and its --forward-to (http, https).
  'cli.js': ['node:crypto', 'node:fs', 'node:http', 'node:https', 'node:os', 'node:path', 'node:url', 'node:util', 'node:v8', 'node:vm', 'node:worker_threads'],
  'cli-worker.js': ['node:worker_threads'],
  'webview.js': [],
};
const NETWORK = /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\b|\bimport\(/g;
/**
 * The network calls a bundle may make: the one fetch of the core's deliver(), to the receiver the
 * user names. The recorder's forward (CLI `record --forward-to`, the editor's recording) goes
 * through node:http/https (the modules above), to the URL the user gives when starting it.
 */
const DELIVERY: Record<string, string[]> = { 'cli.js': ['fetch'], 'extension.js': ['fetch'], 'web/extension.js': ['fetch'] };

describe('no network, no telemetry', () => {
  for (const [file, allowed] of Object.entries(ALLOWED)) {
    it(`${file} loads only ${allowed.join(', ') || 'nothing'} and calls no network API`, () => {
      const code = readFileSync(join(DIST, file), 'utf8');
      const loaded = [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))].sort();
      assert.deepEqual(loaded, [...allowed].sort());
      assert.deepEqual(code.match(NETWORK) ?? [], DELIVERY[file] ?? []);
      if (DELIVERY[file]) assert.match(code, /redirect:\s*"manual"/, 'the delivery follows no redirect away from the named receiver');
    });
  }
});
