// Audit-log records that cannot be placed (no id, no readable timestamp) are kept raw in
// store.meta rather than dropped, so nothing the API sent is lost and the admin can see why.
// A page re-fetched after a crash quarantines the same record again, so entries are keyed by
// a hash of their content.
import crypto from 'node:crypto';
import type { MetaStore } from '../store/types';

export const QUARANTINE_KEY = 'sync-quarantine';
/** Keep the newest this many raw records; the count keeps growing. */
const KEEP = 1000;

export interface QuarantinedRecord {
  key: string;
  at: number;
  reason: string;
  raw: unknown;
}

export interface QuarantineFile {
  count: number;
  records: QuarantinedRecord[];
}

export function readQuarantine(meta: MetaStore): QuarantineFile {
  return meta.get<QuarantineFile>(QUARANTINE_KEY) ?? { count: 0, records: [] };
}

/** Returns how many of `items` were new to the quarantine. */
export async function quarantineRecords(
  meta: MetaStore,
  items: { reason: string; raw: unknown }[],
  now: number,
): Promise<number> {
  if (items.length === 0) return 0;
  const q = readQuarantine(meta);
  const known = new Set(q.records.map((r) => r.key));
  let added = 0;
  for (const item of items) {
    let text: string;
    try {
      text = JSON.stringify(item.raw) ?? String(item.raw);
    } catch {
      text = String(item.raw);
    }
    const key = crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);
    if (known.has(key)) continue;
    known.add(key);
    q.records.push({ key, at: now, reason: item.reason, raw: item.raw });
    added++;
  }
  if (added === 0) return 0;
  q.count += added;
  if (q.records.length > KEEP) q.records = q.records.slice(-KEEP);
  await meta.set(QUARANTINE_KEY, q);
  return added;
}
