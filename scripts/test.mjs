#!/usr/bin/env node
// `npm test`: builds the app (the browser end-to-end tests drive the built renderer), runs
// every Vitest project in one run, then the unit project once more under a time zone far from
// UTC (times must mean the same instant whatever the machine's zone), and ends with the
// runners' own counts added up as a plain line: "N passed, N failed, N skipped".
// Extra arguments go to Vitest (e.g. a file filter); SKIP_TZ_RUN=1 skips the second run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
/** A zone with an odd offset (UTC+12:45, +13:45 in its summer): wrong UTC handling shows at once. */
const OTHER_TZ = 'Pacific/Chatham';

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

/** Runs Vitest with a JSON report and returns the report's counts. */
function vitestRun(name, args, env) {
  const report = path.join(outDir, `vitest-${name}.json`);
  fs.rmSync(report, { force: true });
  const result = run(
    npx,
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    env,
  );
  const counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed = json.numPassedTests ?? 0;
    counts.failed = json.numFailedTests ?? 0;
    counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    // A file that fails to load has no tests but is a failure all the same.
    for (const file of json.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) counts.failed += 1;
    }
  } catch {
    counts.failed = Math.max(counts.failed, 1);
    console.error(`Vitest wrote no report for the ${name} run: counting it as failed.`);
  }
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const extra = process.argv.slice(2);
const total = vitestRun('all', extra, process.env);
if (!process.env.SKIP_TZ_RUN && extra.length === 0) {
  console.log(`\nThe unit tests again, with TZ=${OTHER_TZ}:`);
  const tz = vitestRun('tz', ['--project', 'unit'], { ...process.env, TZ: OTHER_TZ });
  total.passed += tz.passed;
  total.failed += tz.failed;
  total.skipped += tz.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
