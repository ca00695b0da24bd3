// What the store set aside, said plainly for `status` (CLI) and the banner (UI): files found
// damaged and moved to quarantine/ (with the time range they held and whether the re-sync has
// fetched it again), and audit records the sync refused (kept raw, see quarantine.ts).
// The store forgets a damage report once the sync acknowledges it; the sync keeps this short
// repair log so "repaired" can still be shown afterwards.
import type { DataHealth } from '../../preload/contract';
import type { CorruptionReport, MetaStore, Store } from '../store/types';
import { readQuarantine } from './quarantine';

export const REPAIRS_KEY = 'sync-repairs';
const KEEP_REPAIRS = 20;
const RECENT_RECORDS = 10;
/** Quarantined records keep the banner up this long after the last one arrived. */
const RECORDS_ATTENTION_MS = 7 * 86_400_000;
const META_FILE = 'meta.json';

export interface RepairRecord {
  file: string;
  quarantinedAs: string;
  message: string;
  range: { since: number; until: number } | null;
  foundAt: number;
  repairedAt: number;
}

export async function recordRepair(meta: MetaStore, report: CorruptionReport, repairedAt: number): Promise<void> {
  const log = meta.get<RepairRecord[]>(REPAIRS_KEY) ?? [];
  log.push({
    file: report.file,
    quarantinedAs: report.quarantinedAs,
    message: report.message,
    range: report.range,
    foundAt: report.at,
    repairedAt,
  });
  await meta.set(REPAIRS_KEY, log.slice(-KEEP_REPAIRS));
}

/** The meta.json damage report, while it is not yet repaired (its content is lost until a reconnect). */
export function metaDamage(store: Pick<Store, 'corruptions'>): CorruptionReport | null {
  return store.corruptions().find((c) => c.file === META_FILE) ?? null;
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const span = (r: { since: number; until: number }) => `${utc(r.since)} – ${utc(r.until)}`;
const validMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function recordId(raw: unknown): string | null {
  const id = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).id : null;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 100) : null;
}

export function readDataHealth(store: Store, now: number): DataHealth {
  const open = store.corruptions();
  const repairs = (store.meta.get<RepairRecord[]>(REPAIRS_KEY) ?? []).filter((r) => validMs(r.repairedAt));
  const files: DataHealth['files'] = [
    ...open.map((c) => ({
      file: c.file,
      quarantinedAs: c.quarantinedAs,
      message: c.message,
      range: c.range,
      foundAt: c.at,
      repairedAt: null,
    })),
    ...repairs.map((r) => ({ ...r })),
  ].filter((f) => validMs(f.foundAt) && (f.range === null || (validMs(f.range.since) && validMs(f.range.until))));
  const metaDamaged = open.some((c) => c.file === META_FILE);

  const q = readQuarantine(store.meta);
  const ats = q.records.map((r) => r.at).filter(validMs);
  const records: DataHealth['records'] = {
    count: q.count,
    firstAt: ats.length ? Math.min(...ats) : null,
    lastAt: ats.length ? Math.max(...ats) : null,
    recent: q.records
      .filter((r) => validMs(r.at))
      .slice(-RECENT_RECORDS)
      .reverse()
      .map((r) => ({ at: r.at, id: recordId(r.raw), reason: String(r.reason).slice(0, 300) })),
  };

  const lines: string[] = [];
  for (const f of files) {
    if (f.file === META_FILE && f.repairedAt === null) {
      lines.push(
        `The sync state file was found damaged on ${utc(f.foundAt)} and moved to ${f.quarantinedAs}: ` +
          'the connection details and the sync position in it were lost. Activities and users already stored ' +
          'are intact.',
      );
    } else if (f.repairedAt === null) {
      lines.push(
        `Damaged, not yet repaired: ${f.message}` + (f.range ? ` The next sync fetches ${span(f.range)} again.` : ''),
      );
    } else {
      lines.push(
        `Repaired on ${utc(f.repairedAt)}: ${f.file} was found damaged on ${utc(f.foundAt)} and moved to ` +
          `${f.quarantinedAs}; ${f.range ? `the re-sync fetched ${span(f.range)} again` : 'the re-sync restored it'}.`,
      );
    }
  }
  if (records.count > 0) {
    const { firstAt, lastAt } = records;
    const received =
      firstAt === null || lastAt === null
        ? null
        : firstAt === lastAt
          ? utc(firstAt)
          : span({ since: firstAt, until: lastAt });
    const when = received ? ` (received ${received})` : '';
    const example = records.recent[0] ? ` Latest: ${records.recent[0].reason}.` : '';
    lines.push(
      `${records.count.toLocaleString('en-US')} audit record${records.count === 1 ? ' was' : 's were'} quarantined` +
        `${when}: Workplace sent ${records.count === 1 ? 'it' : 'them'} with values the console cannot store, ` +
        `so ${records.count === 1 ? 'it is' : 'they are'} kept raw instead; a re-sync cannot repair that.${example}`,
    );
  }

  const unrepaired = files.some((f) => f.repairedAt === null);
  const recentRecords = records.lastAt !== null && now - records.lastAt < RECORDS_ATTENTION_MS;
  let fix: string | null = null;
  if (metaDamaged)
    fix =
      'Connect again (Connector screen, or `workplace-guard connect`): the first sync re-reads the back-fill ' +
      'window and skips everything already stored.';
  else if (unrepaired)
    fix =
      'Sync now: the sync fetches the damaged time ranges again. The damaged files stay in the quarantine ' +
      'folder of the data directory for recovery by hand.';
  else if (records.count > 0)
    fix =
      'Nothing blocks the sync. The refused records are kept raw for review (`workplace-guard status --json`); ' +
      'if Workplace keeps sending them, report it to Meta support.';
  return { metaDamaged, files, records, attention: unrepaired || recentRecords, lines, fix };
}
