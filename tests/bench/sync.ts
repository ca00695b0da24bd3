// Sync bench: the end-to-end first sync (connect + sync through the real CLI, so the store,
// normalisation, enrichment with the IP intel, checkpoints and detection are all in — the CLI
// exits only once every synced activity is judged), against the demo community, compared with
// merely fetching and JSON.parse-ing the same pages, with fsync and without; then an incremental
// sync of 10,000 new events with detection's share of it; the syncing process's peak RSS; and
// how each grows from ~100k to the full size. The sync and the baseline run in child processes
// so their memory and CPU are their own, not shared with the demo server in this process; CPU
// time is reported beside wall-clock time, which other work on the machine disturbs more.
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
  /**
   * From the first progress line to the first activities-phase line: how long the users step ran
   * (the audit-log walk runs alongside it, so this is not a share of the total to subtract).
   */
  usersStepMs: number | null;
  /** CPU time (user + system) from the first progress line to the result line (the run, not start-up). */
  runCpuMs: number | null;
  peakRssBytes: number;
  lines: string[];
  code: number | null;
  stderr: string;
}

/** CPU time a live process has used (Linux /proc, in USER_HZ = 100 ticks/s); null where /proc is absent. */
function cpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces) start at state; utime and stime are 14th/15th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
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
    let progressFrom: number | null = null;
    let usersStepMs: number | null = null;
    let cpuFrom: number | null = null;
    let runCpuMs: number | null = null;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    readline.createInterface({ input: child.stdout }).on('line', (l) => {
      lines.push(l);
      if (progressFrom === null && l.startsWith('{"type":"progress"')) progressFrom = performance.now();
      if (usersStepMs === null && progressFrom !== null && l.includes('"phase":"activities"'))
        usersStepMs = performance.now() - progressFrom;
      if (cpuFrom === null && l.startsWith('{"type":"progress"')) cpuFrom = cpuMs(child.pid!);
      if (cpuFrom !== null && l.startsWith('{"type":"result"')) {
        const to = cpuMs(child.pid!);
        runCpuMs = to === null ? null : to - cpuFrom;
      }
      peak = Math.max(peak, peakRss(child.pid!));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const end = performance.now();
      resolve({
        wallMs: end - t0,
        usersStepMs,
        runCpuMs,
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
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ events, pages, ms: performance.now() - t0, cpuMs }) + '\n');
}

/** One CLI sync's figures, from its JSON result line and the child's own measurements. */
interface SyncRun {
  added: number;
  users: number;
  /** The sync alone: users, activities, checkpoints (the engine's startedAt → finishedAt). */
  syncMs: number;
  /** Until detection had judged every committed activity (the CLI waits for it before exiting). */
  totalMs: number;
  detectionMs: number;
  alerts: number;
  cpuMs: number | null;
  child: ChildStats;
}

function syncRun(child: ChildStats, what: string): SyncRun {
  const result = JSON.parse(child.lines.at(-1) ?? '{}');
  if (child.code !== 0 || !result.ok) throw new Error(`${what} failed: ${child.stderr}`);
  if (!result.detection) throw new Error(`${what}: the CLI reported no detection (is it wired to the sync?)`);
  const syncMs = result.finishedAt - result.startedAt;
  const totalMs = result.detection.finishedAt - result.startedAt;
  return {
    added: result.added,
    users: result.users,
    syncMs,
    totalMs,
    detectionMs: totalMs - syncMs,
    alerts: result.detection.alerts,
    cpuMs: child.runCpuMs,
    child,
  };
}

interface SizeFigures {
  events: number;
  baselineMs: number;
  baselineCpuMs: number;
  first: SyncRun;
  noFsync: SyncRun;
  incremental: SyncRun;
}

const ratio = (ms: number, baseMs: number) => `${(ms / baseMs).toFixed(2)}×`;
const cpuRatio = (run: SyncRun, baseCpuMs: number) =>
  run.cpuMs === null ? '' : `; CPU ${s(run.cpuMs)} = ${ratio(run.cpuMs, baseCpuMs)} fetch+parse CPU`;

async function connectCli(
  dir: string,
  demo: { baseUrl: string; integrationToken: string },
  days: number,
  env: NodeJS.ProcessEnv,
) {
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
  if (connect.code !== 0) throw new Error(`connect failed: ${connect.stderr}`);
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
    const baseline = JSON.parse(base.lines.at(-1) ?? '{}') as {
      events: number;
      pages: number;
      ms: number;
      cpuMs: number;
    };
    if (base.code !== 0) throw new Error(`baseline failed: ${base.stderr}`);

    await connectCli(dir, demo, days, process.env);
    const first = syncRun(await runChild([BIN, '--data-dir', dir, '--json', 'sync']), 'first sync');
    const noFsync = await firstSyncWithoutFsync(demo, days);

    for (let i = 0; i < 10_000; i++) demo.inspect.liveTick();
    const incremental = syncRun(await runChild([BIN, '--data-dir', dir, '--json', 'sync']), 'incremental sync');

    const f: SizeFigures = {
      events: first.added,
      baselineMs: baseline.ms,
      baselineCpuMs: baseline.cpuMs,
      first,
      noFsync,
      incremental,
    };
    report(
      `sync:   fetch + JSON.parse only: ${s(baseline.ms)} (CPU ${s(baseline.cpuMs)}) for ` +
        `${fmt(baseline.events)} events in ${fmt(baseline.pages)} pages ` +
        `(${fmt(baseline.events / (baseline.ms / 1000))} events/s)`,
    );
    report(
      `sync:   first sync with detection, fsync on: ${s(first.totalMs)} = ${ratio(first.totalMs, baseline.ms)} ` +
        `fetch+parse (target ≤ 3×)${cpuRatio(first, baseline.cpuMs)}; ${fmt(first.added)} events, ` +
        `${fmt(first.users)} users, ${fmt(first.alerts)} alerts (process ${s(first.child.wallMs)})`,
    );
    report(
      `sync:     of which the sync ${s(first.syncMs)} (${ratio(first.syncMs, baseline.ms)}), detection after it ` +
        `${s(first.detectionMs)} (${pct(first.detectionMs, first.totalMs)} of the total, ` +
        `${perEvent(first.detectionMs, first.added)})`,
    );
    if (first.child.usersStepMs !== null)
      report(
        `sync:     the users (SCIM + Graph, ${fmt(first.users)}) were read alongside the audit log in ` +
          `${s(first.child.usersStepMs)}; the baseline reads no users`,
      );
    report(
      `sync:   first sync with detection, fsync off (WORKPLACE_GUARD_FSYNC=0): ${s(noFsync.totalMs)} = ` +
        `${ratio(noFsync.totalMs, baseline.ms)} fetch+parse${cpuRatio(noFsync, baseline.cpuMs)}; of which the sync ` +
        `${s(noFsync.syncMs)} (${ratio(noFsync.syncMs, baseline.ms)}), detection ${s(noFsync.detectionMs)} ` +
        `(${pct(noFsync.detectionMs, noFsync.totalMs)})`,
    );
    report(
      `sync:   peak RSS of the syncing process: ${mb(first.child.peakRssBytes)} (target ≤ 1 GB); ` +
        `without fsync ${mb(noFsync.child.peakRssBytes)}`,
    );
    report(
      `sync:   incremental sync of ${fmt(incremental.added)} new events: ${s(incremental.totalMs)} with detection ` +
        `(sync ${s(incremental.syncMs)}, detection ${s(incremental.detectionMs)} — target ≤ 0.5 s), ` +
        `${fmt(incremental.alerts)} alerts; process incl. start-up and store open ${s(incremental.child.wallMs)}, ` +
        `peak RSS ${mb(incremental.child.peakRssBytes)}`,
    );
    return f;
  } finally {
    await demo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Detection's cost per event, so sizes compare: flat means it grows with the events alone. */
const perEvent = (ms: number, events: number) => `${events > 0 ? ((ms * 1000) / events).toFixed(1) : '-'} µs/event`;
const pct = (part: number, whole: number) => `${whole > 0 ? Math.round((part / whole) * 100) : 0} %`;

/** The same first sync into a fresh directory with fsync off: what durable commits cost. */
async function firstSyncWithoutFsync(
  demo: { baseUrl: string; integrationToken: string },
  days: number,
): Promise<SyncRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-bench-nofsync-'));
  const env = { ...process.env, WORKPLACE_GUARD_FSYNC: '0' };
  try {
    await connectCli(dir, demo, days, env);
    return syncRun(await runChild([BIN, '--data-dir', dir, '--json', 'sync'], env), 'first sync (no fsync)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSync(
  report: (line: string) => void,
  opts: { users?: number; days?: number; sizes?: number[] } = {},
): Promise<void> {
  const users = opts.users ?? 10_000;
  const days = opts.days ?? 90;
  // Growth: the same organisation over more and more days (~5 %, ~25 %, 100 % of the events).
  const sizes = opts.sizes ?? [
    ...new Set([Math.max(1, Math.round(days / 18)), Math.max(1, Math.round(days / 4)), days]),
  ];
  const rows: SizeFigures[] = [];
  for (const d of sizes) rows.push(await benchSize(report, users, d));
  report(
    'sync: growth (events → the sync alone: ratio to fetch+parse with fsync / without (target ≤ 3×); with ' +
      'detection: with fsync / without [CPU ratio], detection share (per event), peak RSS; incremental 10k: total ' +
      'and detection)',
  );
  for (const r of rows) {
    const cpu = r.first.cpuMs === null ? '' : ` [CPU ${ratio(r.first.cpuMs, r.baselineCpuMs)}]`;
    report(
      `sync:   ${fmt(r.events).padStart(10)} → sync ${ratio(r.first.syncMs, r.baselineMs)} / ` +
        `${ratio(r.noFsync.syncMs, r.baselineMs)}; with detection ${ratio(r.first.totalMs, r.baselineMs)} / ` +
        `${ratio(r.noFsync.totalMs, r.baselineMs)}${cpu}, detection ${pct(r.first.detectionMs, r.first.totalMs)} ` +
        `(${perEvent(r.first.detectionMs, r.events)}), ` +
        `${mb(r.first.child.peakRssBytes).padStart(7)}; incremental ${s(r.incremental.totalMs)} ` +
        `(detection ${s(r.incremental.detectionMs)}, ${mb(r.incremental.child.peakRssBytes)})`,
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
