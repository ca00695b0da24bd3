import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../../main/workplace/timestamps';

const ROOT = path.resolve(__dirname, '../../../..');
/** Zone-less and odd forms: the ones JavaScript reads in the machine's local zone if left alone. */
const ZONELESS = [
  '2026-05-20 12:00:00',
  '2026-05-20T12:00',
  '2026-05-20T12:00:00.123456',
  'May 20 2026 12:00',
  'Wed, 20 May 2026 12:00:00 +0200',
  '2026-05-20T14:00:00+02',
  '2026-05-20',
];

/** parseTimestamp over ZONELESS in a child process running in time zone `tz`. */
async function parsedIn(tz: string): Promise<(number | null)[]> {
  const script = `import { parseTimestamp } from './main/workplace/timestamps';
    const probe = new Date(2026, 4, 20, 12).getTime() - Date.UTC(2026, 4, 20, 12);
    console.log(JSON.stringify({ probe, parsed: ${JSON.stringify(ZONELESS)}.map(parseTimestamp) }));`;
  const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
  });
  const out = JSON.parse(stdout) as { probe: number; parsed: (number | null)[] };
  expect(out.probe, `the child really ran in ${tz}`).not.toBe(0);
  return out.parsed;
}

describe('parseTimestamp', () => {
  const at = Date.UTC(2026, 0, 31, 9, 15, 0);
  it('reads unix seconds as a number or a string', () => {
    expect(parseTimestamp(at / 1000)).toBe(at);
    expect(parseTimestamp(String(at / 1000))).toBe(at);
    expect(parseTimestamp(' 1769850900 ')).toBe(at);
  });
  it('reads milliseconds', () => {
    expect(parseTimestamp(at)).toBe(at);
  });
  it('reads ISO 8601 in Graph, Z and offset forms, and zone-less as UTC', () => {
    expect(parseTimestamp('2026-01-31T09:15:00+0000')).toBe(at);
    expect(parseTimestamp('2026-01-31T09:15:00Z')).toBe(at);
    expect(parseTimestamp('2026-01-31T10:15:00+01:00')).toBe(at);
    expect(parseTimestamp('2026-01-31T09:15:00')).toBe(at);
    expect(parseTimestamp('2026-01-31T09:15:00.000Z')).toBe(at);
  });
  it('reads times without a zone as UTC whatever the machine’s zone (child processes in other zones)', async () => {
    const here = ZONELESS.map(parseTimestamp);
    expect(here.slice(0, 4)).toEqual([
      Date.UTC(2026, 4, 20, 12),
      Date.UTC(2026, 4, 20, 12),
      Date.UTC(2026, 4, 20, 12, 0, 0, 123),
      Date.UTC(2026, 4, 20, 12),
    ]);
    expect(here.slice(4)).toEqual([Date.UTC(2026, 4, 20, 10), Date.UTC(2026, 4, 20, 12), Date.UTC(2026, 4, 20)]);
    const [losAngeles, kiritimati] = await Promise.all([
      parsedIn('America/Los_Angeles'),
      parsedIn('Pacific/Kiritimati'),
    ]);
    expect(losAngeles).toEqual(here);
    expect(kiritimati).toEqual(here);
  });
  it('refuses numbers and dates no Date can hold (1e20, 9e15 ms) rather than storing them', () => {
    for (const v of [1e20, '1e20', 9e15, '9000000000000000', Infinity]) expect(parseTimestamp(v)).toBeNull();
    expect(parseTimestamp('x'.repeat(10_000))).toBeNull();
  });
  it('returns null for garbage and missing values', () => {
    for (const v of [null, undefined, '', 'yesterday', {}, [], NaN, -5, true]) expect(parseTimestamp(v)).toBeNull();
  });
});
