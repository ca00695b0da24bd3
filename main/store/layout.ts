// Where the store keeps its files. Everything lives under <dataDir>/store so the data
// directory can also hold settings, logs and the lock without name clashes.
import path from 'node:path';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface StoreLayout {
  readonly root: string;
  readonly manifest: string;
  readonly meta: string;
  readonly users: string;
  readonly activities: string;
  readonly dictionary: string;
  readonly quarantine: string;
  /** Whether commits fsync (see atomic-file.ts); off only to measure what it costs. */
  readonly durable: boolean;
  /** Set when the store is open read-only for review: the sentence that says so (read-only.ts). */
  readonly readOnly: string | null;
}

export function storeLayout(dataDir: string, opts: { durable?: boolean; readOnly?: string | null } = {}): StoreLayout {
  const root = path.join(dataDir, 'store');
  const activities = path.join(root, 'activities');
  return {
    root,
    manifest: path.join(root, 'manifest.json'),
    meta: path.join(root, 'meta.json'),
    users: path.join(root, 'users.json'),
    activities,
    dictionary: path.join(activities, 'dictionary.jsonl'),
    quarantine: path.join(root, 'quarantine'),
    durable: opts.durable !== false,
    readOnly: opts.readOnly ?? null,
  };
}

/**
 * Activities are partitioned by UTC hour (one lowdb file per hour, grouped in a folder per day).
 * An hour rather than a day because the audit log arrives in pages of ~1000 events: with day
 * files of ~20k events every page would rewrite a whole day (≈20× write amplification during a
 * first sync), whereas an hour file is about the size of a page.
 */
export function hourStartOf(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

/** 'YYYY-MM-DDTHH' — sorts like time, names the partition in reports. */
export function hourKey(hourStart: number): string {
  return new Date(hourStart).toISOString().slice(0, 13);
}

export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function partitionPaths(layout: StoreLayout, hourStart: number): { data: string; index: string; rel: string } {
  const key = hourKey(hourStart);
  const day = key.slice(0, 10);
  const hour = key.slice(11, 13);
  const dir = path.join(layout.activities, day);
  return {
    data: path.join(dir, `${hour}.json`),
    index: path.join(dir, `${hour}.idx`),
    rel: `activities/${day}/${hour}.json`,
  };
}

/**
 * Parses 'activities/YYYY-MM-DD/HH.json' (or the two path parts) back to the hour start; null if
 * it is not a partition name.
 */
export function hourStartFromParts(day: string, file: string): number | null {
  const m = /^(\d{2})\.json$/.exec(file);
  if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const t = Date.parse(`${day}T${m[1]}:00:00.000Z`);
  return Number.isFinite(t) ? t : null;
}

/** Store-relative path with forward slashes: stable names for reports across platforms. */
export function relativeName(layout: StoreLayout, file: string): string {
  return path.relative(layout.root, file).split(path.sep).join('/');
}
