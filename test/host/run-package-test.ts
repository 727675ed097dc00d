// The packaging test: builds the .vsix with vsce from the allow-list .vscodeignore, records what
// it holds, then installs it into a fresh code-server and runs test/package there.
//
//   tsx test/host/run-package-test.ts
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const STATE = path.join(REPO, '.vscode-test');
const VSIX = path.join(STATE, 'alfred-events.vsix');
const FACTS = path.join(STATE, 'vsix-facts.json');
const VSCE = path.join(REPO, 'node_modules', '.bin', 'vsce');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

fs.mkdirSync(STATE, { recursive: true });
run(process.execPath, ['scripts/build.mjs', '--production']);
run(VSCE, ['package', '--no-dependencies', '--out', VSIX]);
const files = run(VSCE, ['ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
fs.writeFileSync(FACTS, JSON.stringify({ files, bytes: fs.statSync(VSIX).size }));
console.log(`packaged ${path.relative(REPO, VSIX)}: ${files.length} files, ${fs.statSync(VSIX).size} bytes`);

const tsx = path.join(REPO, 'node_modules', '.bin', 'tsx');
const r = spawnSync(tsx, ['test/host/run-integration.ts', '--vsix', VSIX, '--extension', 'test/package/harness', '--tests', 'test/package'], {
  cwd: REPO,
  stdio: 'inherit',
  env: { ...process.env, ALFRED_VSIX_FACTS: FACTS },
});
if (r.status !== 0) process.exit(r.status ?? 1);

// The same package in VS Code for the Web: its unpacked contents, alone, load in the web-worker
// host and pass the web suite there.
const unpacked = path.join(STATE, 'vsix-unpacked');
fs.rmSync(unpacked, { recursive: true, force: true });
run('unzip', ['-q', VSIX, 'extension/*', '-d', unpacked]);
const web = spawnSync(tsx, ['test/host/run-web.ts', '--extension', path.join(unpacked, 'extension')], { cwd: REPO, stdio: 'inherit', timeout: 600_000 });
process.exit(web.status ?? 1);
