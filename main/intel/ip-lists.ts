// The threat and anonymity lists, loaded for matching: each list's entries (the last good
// online copy in the data dir, else — only when asked for, as the demo and tests do — the
// shipped fixture) packed into a sorted range index. Refresh is explicit or opt-in; a failed
// refresh keeps the previous copy and records why; every list reports its age and staleness.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpListMatch } from './ip-facts';
import { parseCidr, type AddressKey, type CidrRange } from './ip-address';
import { BUILT_IN_LISTS, STALE_AFTER_MS, type ListDefinition } from './list-catalog';
import { DEFAULT_FETCH_LIMITS, fetchListBody, type FetchLimits } from './list-fetch';
import { parseList } from './list-formats';
import { ListStateFile, type ListSchedule } from './list-state';
import { buildRangeIndex, findV4, findV6, type RangeIndex } from './range-index';

export interface ListStatus {
  id: string;
  name: string;
  kind: IpListMatch['kind'];
  /** Where the entries in use came from: an online refresh, the shipped fixture, or nowhere yet. */
  source: 'online' | 'fixture' | 'missing';
  updatedAt: number | null;
  /** now − updatedAt; null when never refreshed. */
  ageMs: number | null;
  /** Older than 7 days, or never refreshed: matching detections say so. */
  stale: boolean;
  entries: number;
  lastAttemptAt: number | null;
  lastError: string | null;
  urls: string[];
  credit: string | null;
}

export interface RefreshResult {
  id: string;
  ok: boolean;
  /** `refreshed`, `failed` (previous copy kept), or `skipped` (fetched too recently). */
  outcome: 'refreshed' | 'failed' | 'skipped';
  entries: number;
  message: string;
}

export interface IpLists {
  match(key: AddressKey): IpListMatch[];
  status(now?: number): ListStatus[];
  refresh(opts?: { ids?: string[]; now?: number; limits?: FetchLimits }): Promise<RefreshResult[]>;
  settings(): { online: boolean; schedule: ListSchedule; urls: Record<string, string[]> };
  setOnline(online: boolean): Promise<void>;
  /** Scheduled refresh (opt-in; runs only while online refresh is on). */
  setSchedule(schedule: ListSchedule): Promise<void>;
  setUrls(id: string, urls: string[] | null): Promise<void>;
  /** Bumped whenever the entries in use change (caches of facts key on it). */
  readonly version: number;
  /** Set when the state file was unreadable at open and was moved aside. */
  readonly recovered: string | null;
}

export interface OpenIpListsOptions {
  dataDir: string;
  /**
   * Use the shipped fixtures for lists never refreshed here (the demo community, tests). A real
   * organisation leaves this off: an old fixture must not pose as threat intelligence.
   */
  fixtures?: boolean;
  /** Another fixture directory (tests); default main/intel/data/fixtures. */
  fixtureDir?: string;
}

/** The shipped fixtures (packaged builds copy them to resources and point the variable there). */
export function defaultFixtureDir(): string {
  const env = process.env.WORKPLACE_GUARD_LIST_FIXTURES;
  if (env) return env;
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'fixtures');
}

interface Loaded {
  def: ListDefinition;
  index: RangeIndex;
  entries: number;
  source: ListStatus['source'];
}

function indexOf(ranges: CidrRange[]): RangeIndex {
  const v4 = ranges.filter((r) => r.family === 4).map((r) => ({ start: r.v4![0], end: r.v4![1], value: 0 }));
  const v6 = ranges.filter((r) => r.family === 6).map((r) => ({ start: r.v6![0], end: r.v6![1], value: 0 }));
  return buildRangeIndex(v4, v6, 'merge');
}

function cidrsToRanges(cidrs: string[]): CidrRange[] {
  const out: CidrRange[] = [];
  for (const c of cidrs) {
    try {
      out.push(parseCidr(c));
    } catch {
      // A hand-edited cache line; the rest of the list still applies.
    }
  }
  return out;
}

export async function openIpLists(opts: OpenIpListsOptions): Promise<IpLists> {
  const state = await ListStateFile.open(opts.dataDir);
  const fixtureDir = opts.fixtureDir ?? defaultFixtureDir();
  let version = 0;
  const loaded = new Map<string, Loaded>();

  const load = (def: ListDefinition) => {
    const cached = state.readEntries(def.id);
    if (cached && state.list(def.id)?.updatedAt != null) {
      const ranges = cidrsToRanges(cached);
      loaded.set(def.id, { def, index: indexOf(ranges), entries: ranges.length, source: 'online' });
      return;
    }
    if (opts.fixtures) {
      const ranges = def.fixtures.flatMap((f) => {
        const file = path.join(fixtureDir, f);
        // A build without the fixtures degrades to "missing", visibly, rather than failing to open.
        return fs.existsSync(file) ? parseList(fs.readFileSync(file, 'utf8'), def.format).ranges : [];
      });
      loaded.set(def.id, { def, index: indexOf(ranges), entries: ranges.length, source: 'fixture' });
      return;
    }
    loaded.set(def.id, { def, index: indexOf([]), entries: 0, source: 'missing' });
  };
  for (const def of BUILT_IN_LISTS) load(def);

  const urlsOf = (def: ListDefinition) => state.doc.urls[def.id] ?? def.urls;

  const refreshOne = async (def: ListDefinition, now: number, limits: FetchLimits): Promise<RefreshResult> => {
    const prev = state.list(def.id);
    if (prev?.lastAttemptAt != null && now - prev.lastAttemptAt < def.minIntervalMs && prev.lastError === null) {
      const minutes = Math.round((now - prev.lastAttemptAt) / 60_000);
      return {
        id: def.id,
        ok: true,
        outcome: 'skipped',
        entries: prev.entries,
        message:
          `${def.name}: refreshed ${minutes} min ago; ` +
          `its publisher asks for at most one fetch per ${def.minIntervalMs / 60_000} min`,
      };
    }
    try {
      const ranges: CidrRange[] = [];
      for (const url of urlsOf(def)) ranges.push(...parseList(await fetchListBody(url, limits), def.format).ranges);
      const cidrs = [...new Set(ranges.map((r) => r.cidr))];
      await state.recordSuccess(def.id, cidrs, now);
      load(def);
      version++;
      return {
        id: def.id,
        ok: true,
        outcome: 'refreshed',
        entries: cidrs.length,
        message: `${def.name}: ${cidrs.length} entries`,
      };
    } catch (err) {
      const message = (err as Error).message;
      await state.recordFailure(def.id, message, now);
      const kept = loaded.get(def.id)?.entries ?? 0;
      return {
        id: def.id,
        ok: false,
        outcome: 'failed',
        entries: kept,
        message: `${def.name}: ${message}; the previous copy (${kept} entries) is kept`,
      };
    }
  };

  return {
    get version() {
      return version;
    },
    recovered: state.recovered,
    match(key) {
      const out: IpListMatch[] = [];
      for (const l of loaded.values()) {
        if (l.entries === 0) continue;
        const hit = key.family === 4 ? findV4(l.index, key.v4) : findV6(l.index, key.v6);
        if (hit >= 0) {
          const updatedAt = l.source === 'online' ? (state.list(l.def.id)?.updatedAt ?? null) : null;
          out.push({ id: l.def.id, name: l.def.name, kind: l.def.kind, updatedAt });
        }
      }
      return out;
    },
    status(now = Date.now()) {
      return BUILT_IN_LISTS.map((def) => {
        const s = state.list(def.id);
        const l = loaded.get(def.id)!;
        const updatedAt = l.source === 'online' ? (s?.updatedAt ?? null) : null;
        const ageMs = updatedAt === null ? null : Math.max(0, now - updatedAt);
        return {
          id: def.id,
          name: def.name,
          kind: def.kind,
          source: l.source,
          updatedAt,
          ageMs,
          stale: ageMs === null ? l.source !== 'fixture' : ageMs > STALE_AFTER_MS,
          entries: l.entries,
          lastAttemptAt: s?.lastAttemptAt ?? null,
          lastError: s?.lastError ?? null,
          urls: urlsOf(def),
          credit: def.credit,
        };
      });
    },
    async refresh(o = {}) {
      const now = o.now ?? Date.now();
      const wanted = o.ids ? BUILT_IN_LISTS.filter((d) => o.ids!.includes(d.id)) : BUILT_IN_LISTS;
      const unknown = (o.ids ?? []).filter((id) => !BUILT_IN_LISTS.some((d) => d.id === id));
      if (unknown.length > 0) {
        throw new Error(`Unknown list ${unknown.join(', ')}; lists: ${BUILT_IN_LISTS.map((d) => d.id).join(', ')}`);
      }
      // One list at a time: four small downloads, and each failure stands alone.
      const results: RefreshResult[] = [];
      for (const def of wanted) results.push(await refreshOne(def, now, o.limits ?? DEFAULT_FETCH_LIMITS));
      return results;
    },
    settings() {
      const d = state.doc;
      return { online: d.online, schedule: d.schedule, urls: d.urls };
    },
    setOnline: (online) => state.setOnline(online),
    setSchedule: (schedule) => state.setSchedule(schedule),
    async setUrls(id, urls) {
      if (!BUILT_IN_LISTS.some((d) => d.id === id)) throw new Error(`Unknown list ${id}`);
      await state.setUrls(id, urls);
    },
  };
}
