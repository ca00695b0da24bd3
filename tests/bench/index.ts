// `npm run bench`: one run, figures and ratios printed (never asserted). Sizes default to the
// issue's scale (10,000 users × 90 days ≥ 2 M events); BENCH_QUICK=1 runs a small smoke size.
// BENCH_SYNC_DAYS=5,23 runs the sync section at those sizes only (days of the same organisation).
import { benchConsole } from './console';
import { benchDemo } from './demo';
import { benchDetect } from './detect';
import { benchIntel } from './intel';
import { benchStore } from './store';
import { benchSync } from './sync';

const quick = process.env.BENCH_QUICK === '1';
const only = (process.env.BENCH_ONLY ?? 'demo,intel,store,detect,sync,console').split(',');
const report = (line: string) => process.stdout.write(`${line}\n`);

report(`Workplace Guard benchmark — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}`);
if (only.includes('demo')) {
  report('\n== demo community: generation and serving ==');
  await benchDemo(report, quick ? { users: 1000, days: 30 } : { users: 10_000, days: 90 });
}
if (only.includes('intel')) {
  report('\n== intel: ASN table build, load and lookups ==');
  await benchIntel(report, { lookups: quick ? 1_000_000 : 5_000_000 });
}
if (only.includes('store')) {
  report('\n== store: append, open, queries ==');
  await benchStore(report, quick ? { events: [50_000, 200_000] } : { events: [100_000, 500_000, 2_000_000] });
}
if (only.includes('detect')) {
  report('\n== detect: anomaly engine, incremental evaluation, replay, baselines, alert queries ==');
  await benchDetect(report, quick ? { users: 1000, days: 30 } : { users: 10_000, days: 90 });
}
if (only.includes('sync')) {
  report('\n== sync: end to end against the demo community ==');
  const days = process.env.BENCH_SYNC_DAYS?.split(',').map(Number);
  if (days?.some((d) => !Number.isInteger(d) || d < 1)) throw new Error('BENCH_SYNC_DAYS: whole days, e.g. 5,23');
  await benchSync(report, { ...(quick ? { users: 1000, days: 30 } : { users: 10_000, days: 90 }), sizes: days });
}
if (only.includes('console')) {
  report('\n== console: the built console in Chromium over a large store ==');
  await benchConsole(report, { events: quick ? 200_000 : 2_000_000 });
}
