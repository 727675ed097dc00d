// The README's first command: build, then show the CLI on the bundled example payloads: the
// correct ones (no problem), and the broken ones and a docs example (every kind of finding).
import { spawnSync } from 'node:child_process';

const node = process.execPath;
const run = (args) => {
  console.log(`\n$ alfred-events ${args.join(' ')}`);
  return spawnSync(node, ['dist/cli.js', ...args], { stdio: 'inherit' }).status;
};

if (spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const clean = run(['validate', 'test/fixtures/examples']);
const broken = run(['validate', 'test/fixtures/broken', 'test/fixtures/docs/job_retry_event.alfred.json']);
// The broken payloads must fail (status 1); anything else means the demo itself went wrong.
if (clean !== 0 || broken !== 1) {
  console.error(`\ndemo: unexpected exit status (${clean}, ${broken})`);
  process.exit(1);
}
console.log('\nThe CLI is dist/cli.js (`node dist/cli.js --help`); try `--format json` or `--format sarif`.');
