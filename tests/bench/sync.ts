// Sync bench: the end-to-end first sync (connect + sync through the real CLI, so the store,
// normalisation, geolocation and checkpoints are all in), against the demo community, compared
// with merely fetching and JSON.parse-ing the same pages; then an incremental sync of 10,000
// new events; the syncing process's peak RSS; and how each grows from ~100k to the full size.
// The sync and the baseline run in child processes so their memory and CPU are their own,
// not shared with the demo server in this process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'workplace-guard.mjs');
const DAY = 86_400_000;

interface ChildStats {
  wallMs: number;
  /** From the first activities-phase progress line to exit (the users phase excluded). */
  activitiesMs: number | null;
  peakRssBytes: number;
  lines: string[];
  code: number | null;
  stderr: string;
}

/** Peak resident set of a live process (Linux VmHWM); 0 where /proc is absent. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function runChild(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildStats> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 100);
    const lines: string[] = [];
    let activitiesFrom: number | null = null;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    readline.createInterface({ input: child.stdout }).on('line', (l) => {
      lines.push(l);
      if (activitiesFrom === null && l.includes('"phase":"activities"')) activitiesFrom = performance.now();
      peak = Math.max(peak, peakRss(child.pid!));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const end = performance.now();
      resolve({
        wallMs: end - t0,
        activitiesMs: activitiesFrom === null ? null : end - activitiesFrom,
        peakRssBytes: peak,
        lines,
        code,
        stderr,
      });
    });
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const mb = (b: number) => (b ? `${fmt(b / 1048576)} MB` : 'n/a');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Baseline child: fetch every audit-log page in the window and JSON.parse it, nothing else. */
async function fetchAndParse(base: string, token: string, sinceSec: number): Promise<void> {
  const t0 = performance.now();
  let url: string | undefined = `${base}/security_audit_logs?limit=1000&since=${sinceSec}`;
  let events = 0;
  let pages = 0;
  while (url) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'workplace-guard-bench' },
    });
    const body = JSON.parse(await res.text()) as { data: unknown[]; paging?: { next?: string } };
    events += body.data.length;
    pages++;
    url = body.paging?.next;
  }
  process.stdout.write(JSON.stringify({ events, pages, ms: performance.now() - t0 }) + '\n');
}

interface SizeFigures {
  events: number;
  firstSyncMs: number;
  firstSyncRate: number;
  activitiesRate: number | null;
  activitiesRatio: number | null;
  baselineMs: number;
  ratio: number;
  firstRss: number;
  incrementalMs: number;
  incrementalWallMs: number;
  incrementalAdded: number;
  incrementalRss: number;
}

async function benchSize(report: (line: string) => void, users: number, days: number): Promise<SizeFigures> {
  const { startDemoServer } = await import('../../main/demo/index');
  const demo = await startDemoServer({ users, days, seed: 'bench-sync' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-bench-sync-'));
  try {
    const events = demo.groundTruth.eventCount();
    const sinceSec = Math.floor((Date.now() - (days + 1) * DAY) / 1000);
    report(`sync: ${fmt(users)} users × ${days} days → ${fmt(events)} events`);

    const base = await runChild([
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--baseline',
      demo.baseUrl,
      demo.integrationToken,
      String(sinceSec),
    ]);
    const baseline = JSON.parse(base.lines.at(-1) ?? '{}') as { events: number; pages: number; ms: number };
    if (base.code !== 0) throw new Error(`baseline failed: ${base.stderr}`);

    const connect = await runChild([
      BIN,
      '--data-dir',
      dir,
      'connect',
      '--token',
      demo.integrationToken,
      '--api-base',
      demo.baseUrl,
      '--backfill-days',
      String(days + 1),
      '--no-wait',
    ]);
    if (connect.code !== 0) throw new Error(`connect failed: ${connect.stderr}`);
    const first = await runChild([BIN, '--data-dir', dir, '--json', 'sync']);
    const firstResult = JSON.parse(first.lines.at(-1) ?? '{}');
    if (first.code !== 0 || !firstResult.ok) throw new Error(`first sync failed: ${first.stderr}`);
    const firstSyncMs = firstResult.finishedAt - firstResult.startedAt;

    const noFsyncMs = await firstSyncWithoutFsync(demo, days);

    for (let i = 0; i < 10_000; i++) demo.inspect.liveTick();
    const inc = await runChild([BIN, '--data-dir', dir, '--json', 'sync']);
    const incResult = JSON.parse(inc.lines.at(-1) ?? '{}');
    if (inc.code !== 0 || !incResult.ok) throw new Error(`incremental sync failed: ${inc.stderr}`);

    const f: SizeFigures = {
      events: firstResult.added,
      firstSyncMs,
      firstSyncRate: firstResult.added / (firstSyncMs / 1000),
      activitiesRate: first.activitiesMs ? firstResult.added / (first.activitiesMs / 1000) : null,
      activitiesRatio: first.activitiesMs ? first.activitiesMs / baseline.ms : null,
      baselineMs: baseline.ms,
      ratio: firstSyncMs / baseline.ms,
      firstRss: first.peakRssBytes,
      incrementalMs: incResult.finishedAt - incResult.startedAt,
      incrementalWallMs: inc.wallMs,
      incrementalAdded: incResult.added,
      incrementalRss: inc.peakRssBytes,
    };
    report(
      `sync:   fetch + JSON.parse only: ${s(baseline.ms)} for ${fmt(baseline.events)} events in ` +
        `${fmt(baseline.pages)} pages (${fmt(baseline.events / (baseline.ms / 1000))} events/s)`,
    );
    report(
      `sync:   first sync end to end: ${s(firstSyncMs)} (process ${s(first.wallMs)}), ${fmt(f.firstSyncRate)} ` +
        `events/s, ${fmt(firstResult.users)} users — ${f.ratio.toFixed(2)}× fetch+parse (target ≤ 3×)`,
    );
    if (f.activitiesRate !== null) {
      report(
        `sync:   activities phase alone (users excluded): ${s(first.activitiesMs!)}, ${fmt(f.activitiesRate)} ` +
          `events/s — ${f.activitiesRatio!.toFixed(2)}× fetch+parse`,
      );
    }
    report(
      `sync:   durability: first sync ${f.ratio.toFixed(2)}× fetch+parse with fsync, ` +
        `${(noFsyncMs / baseline.ms).toFixed(2)}× without (${s(noFsyncMs)}; WORKPLACE_GUARD_FSYNC=0)`,
    );
    report(`sync:   peak RSS of the syncing process: ${mb(first.peakRssBytes)} (target ≤ 1 GB)`);
    report(
      `sync:   incremental sync of ${fmt(incResult.added)} new events: ${s(f.incrementalMs)} (process incl. start-up ` +
        `and store open ${s(inc.wallMs)}; target ≤ 2 s), peak RSS ${mb(inc.peakRssBytes)}`,
    );
    return f;
  } finally {
    await demo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same first sync into a fresh directory with fsync off: what durable commits cost. */
async function firstSyncWithoutFsync(
  demo: { baseUrl: string; integrationToken: string },
  days: number,
): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-bench-nofsync-'));
  const env = { ...process.env, WORKPLACE_GUARD_FSYNC: '0' };
  try {
    const connect = await runChild(
      [
        BIN,
        '--data-dir',
        dir,
        'connect',
        '--token',
        demo.integrationToken,
        '--api-base',
        demo.baseUrl,
        '--backfill-days',
        String(days + 1),
        '--no-wait',
      ],
      env,
    );
    if (connect.code !== 0) throw new Error(`connect (no fsync) failed: ${connect.stderr}`);
    const run = await runChild([BIN, '--data-dir', dir, '--json', 'sync'], env);
    const result = JSON.parse(run.lines.at(-1) ?? '{}');
    if (run.code !== 0 || !result.ok) throw new Error(`first sync (no fsync) failed: ${run.stderr}`);
    return result.finishedAt - result.startedAt;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSync(
  report: (line: string) => void,
  opts: { users?: number; days?: number } = {},
): Promise<void> {
  const users = opts.users ?? 10_000;
  const days = opts.days ?? 90;
  // Growth: the same organisation over more and more days (~5 %, ~25 %, 100 % of the events).
  const sizes = [...new Set([Math.max(1, Math.round(days / 18)), Math.max(1, Math.round(days / 4)), days])];
  const rows: SizeFigures[] = [];
  for (const d of sizes) rows.push(await benchSize(report, users, d));
  report(
    'sync: growth (events → first-sync rate and ratio to fetch+parse [activities phase alone], peak RSS, incremental ' +
      '10k)',
  );
  for (const r of rows) {
    const alone =
      r.activitiesRate === null ? '' : ` [${fmt(r.activitiesRate)} events/s, ${r.activitiesRatio!.toFixed(2)}×]`;
    report(
      `sync:   ${fmt(r.events).padStart(10)} → ${fmt(r.firstSyncRate).padStart(7)} events/s, ` +
        `${r.ratio.toFixed(2)}×${alone}, ${mb(r.firstRss).padStart(7)}, incremental ${s(r.incrementalMs)} ` +
        `(${mb(r.incrementalRss)})`,
    );
  }
}

// Child mode: `node --import tsx tests/bench/sync.ts --baseline BASE TOKEN SINCE`.
if (
  process.argv[2] === '--baseline' &&
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await fetchAndParse(process.argv[3], process.argv[4], Number(process.argv[5]));
}
