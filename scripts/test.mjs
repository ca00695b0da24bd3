#!/usr/bin/env node
// `npm test`: builds the app (the browser end-to-end tests drive the built renderer), runs
// every Vitest project in one run, and ends with the runner's own counts as a plain line:
// "N passed, N failed, N skipped". Extra arguments go to Vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });

if (!process.env.SKIP_BUILD) {
  const build = run(npx, ['electron-vite', 'build']);
  if (build.status !== 0) {
    console.error('The build failed, so the tests were not run.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const outDir = path.join(root, '.test-output');
fs.mkdirSync(outDir, { recursive: true });
const report = path.join(outDir, 'vitest.json');
fs.rmSync(report, { force: true });
const vitest = run(npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A file that fails to load has no tests but is a failure all the same.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} catch {
  failed = Math.max(failed, 1);
  console.error('Vitest wrote no report: counting the run as failed.');
}
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
