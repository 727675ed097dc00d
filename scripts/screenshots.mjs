// Regenerates the README's pictures from the real VS Code (code-server in headless chromium):
// runs test/screenshots in the test host with ALFRED_SCREENSHOT_DIR=media/screenshots.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;
if (run('bash', ['scripts/install-test-host.sh']) !== 0 || run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
const status = run('node_modules/.bin/tsx', ['test/host/run-integration.ts', '--tests', 'test/screenshots'], {
  ...process.env,
  ALFRED_SCREENSHOT_DIR: 'media/screenshots',
});
// The launcher also keeps a picture of the window as it closes; the README does not use it.
for (const f of readdirSync('media/screenshots')) if (f.startsWith('workbench-')) rmSync(`media/screenshots/${f}`);
process.exit(status);
