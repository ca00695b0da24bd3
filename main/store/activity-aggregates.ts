// Aggregates over the activity index: counts by day and by type, what one user did, and each
// person's last activity. They read only the in-memory columns (never a partition file), so
// they are cheap enough for a dashboard and a page of the Users list.
import type { ActivityFilter } from '../../preload/contract';
import type { UserActivitySummary } from './types';
import { type Dictionary, KIND } from './dictionary';
import { COLS, FLAG_ADMIN, FLAG_SHADOWED, type PartitionIndex } from './partition-index';
import { type CompiledFilter, type FilterCompiler, countTextRows, inside, outside, scanPartition } from './query';
import { DAY_MS, dayOf, HOUR_MS } from './layout';
import { localDayFormatter } from './local-day';

/** Lists in a summary are cut at this many entries (most frequent first): a page, not a dump. */
const SUMMARY_LIST_MAX = 200;

/** The live partitions, newest hour first (the coordinator's current view). */
export interface PartitionView {
  readonly length: number;
  at(k: number): PartitionIndex;
  /**
   * Whether every partition's rows are final: after open the id set fills in the background and
   * may still hide a row (a duplicate), so nothing counted before then is kept.
   */
  settled(): boolean;
}

/** One partition's live rows, in all and per type id: what a count over whole hours adds up. */
interface HourTotals {
  live: number;
  /** Live rows flagged admin. */
  admin: number;
  byType: Uint32Array;
}

/** A filter on time and at most one of type or the admin flag: what whole hours' totals answer. */
function totalsAnswer(f: CompiledFilter): boolean {
  const rest =
    f.impersonated === undefined && !f.person && !f.ip && !f.country && !f.userAgent && !f.newCountry && !f.text;
  return rest && !(f.type && f.admin !== undefined);
}

export class ActivityAggregates {
  /**
   * Newest own activity of each person (by actor string id), built in one pass over the
   * index columns when first asked and dropped whenever a partition changes: the Users list
   * asks for a page of people at once, which must not cost a scan per person.
   */
  private lastAtByPerson: Float64Array | null = null;
  /**
   * Totals per partition index, for counts whose filter is a time window alone (the Activity
   * screen's type list, the dashboard's types, the unfiltered match count): whole hours inside
   * the window add these instead of walking their rows. An index never changes once its rows are
   * settled, and a rewritten hour is a new index (a new key).
   */
  private readonly totals = new WeakMap<PartitionIndex, HourTotals>();

  constructor(
    private readonly dict: Dictionary,
    private readonly compiler: FilterCompiler,
    private readonly view: PartitionView,
  ) {}

  /** A partition was installed or dropped. */
  invalidate(): void {
    this.lastAtByPerson = null;
  }

  countsByDay(filter: ActivityFilter): { day: string; count: number }[] {
    const f = this.compiler.compile(filter);
    if (f.impossible) return [];
    // Keyed by the UTC day's number, named once per day: naming each of 2,000 hours cost more
    // than counting most of them.
    const days = new Map<number, number>();
    for (let k = this.view.length - 1; k >= 0; k--) {
      const p = this.view.at(k);
      if (outside(p, f)) continue;
      let n = 0;
      const whole = this.wholeHourCount(p, f) ?? countTextRows(p, f);
      if (whole !== null) n = whole;
      else scanPartition(p, f, 0, () => (n++, true));
      if (n === 0) continue;
      const day = Math.floor(p.hour / DAY_MS);
      days.set(day, (days.get(day) ?? 0) + n);
    }
    return [...days].map(([day, count]) => ({ day: dayOf(day * DAY_MS), count }));
  }

  /**
   * Counts per calendar day in `timeZone` (IANA). An hour partition lies in one local day unless
   * a local midnight falls inside it (zones with a :30 or :45 offset, e.g. Pacific/Chatham), and
   * only such a partition is counted row by row.
   */
  countsByLocalDay(filter: ActivityFilter, timeZone: string): { day: string; count: number }[] {
    const f = this.compiler.compile(filter);
    if (f.impossible) return [];
    const dayIn = localDayFormatter(timeZone);
    const days = new Map<string, number>();
    const add = (day: string, n: number) => days.set(day, (days.get(day) ?? 0) + n);
    for (let k = this.view.length - 1; k >= 0; k--) {
      const p = this.view.at(k);
      if (outside(p, f)) continue;
      const first = dayIn(p.hour);
      const last = dayIn(p.hour + HOUR_MS - 1);
      if (first === last) {
        let n = 0;
        const whole = this.wholeHourCount(p, f) ?? countTextRows(p, f);
        if (whole !== null) n = whole;
        else scanPartition(p, f, 0, () => (n++, true));
        if (n > 0) add(first, n);
      } else {
        scanPartition(p, f, 0, (r) => (add(dayIn(p.at[r]), 1), true));
      }
    }
    return [...days].map(([day, count]) => ({ day, count })).sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  /** Counts per country code (activities without a located address are left out). */
  countsByCountry(filter: ActivityFilter): { country: string; count: number }[] {
    const f = this.compiler.compile(filter);
    if (f.impossible) return [];
    const counts = new Uint32Array(this.dict.size(KIND.country) + 1);
    for (let k = 0; k < this.view.length; k++) {
      const p = this.view.at(k);
      if (outside(p, f)) continue;
      const country = p.cols[COLS.country];
      scanPartition(p, f, 0, (r) => (counts[country[r]]++, true));
    }
    const out: { country: string; count: number }[] = [];
    counts.forEach((count, id) => {
      const code = id === 0 ? null : this.dict.lookup(KIND.country, id);
      if (count > 0 && code) out.push({ country: code.toUpperCase(), count });
    });
    return out.sort((a, b) => b.count - a.count || (a.country < b.country ? -1 : 1));
  }

  countsByType(filter: ActivityFilter): { type: string; count: number }[] {
    const f = this.compiler.compile(filter);
    if (f.impossible) return [];
    const counts = new Uint32Array(this.dict.size(KIND.type));
    for (let k = 0; k < this.view.length; k++) {
      const p = this.view.at(k);
      if (outside(p, f)) continue;
      const whole = inside(p, f) && totalsAnswer(f) && f.admin === undefined ? this.hourTotals(p) : null;
      if (whole) {
        const { byType } = whole;
        for (let id = 0; id < byType.length; id++) if (!f.type || f.type[id] === 1) counts[id] += byType[id];
        continue;
      }
      const type = p.cols[COLS.type];
      scanPartition(p, f, 0, (r) => (counts[type[r]]++, true));
    }
    const out: { type: string; count: number }[] = [];
    counts.forEach((count, id) => {
      if (count > 0) out.push({ type: this.dict.lookup(KIND.type, id) ?? '', count });
    });
    return out.sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
  }

  /**
   * The rows of `p` that `f` matches, from the hour's totals when `p` lies wholly inside the
   * window and `f` asks only for types or only for the admin flag (the suggested queries, the
   * unfiltered count); null when the rows must be walked.
   */
  private wholeHourCount(p: PartitionIndex, f: CompiledFilter): number | null {
    if (!inside(p, f) || !totalsAnswer(f)) return null;
    const t = this.hourTotals(p);
    if (!t) {
      if (!f.timeOnly) return null;
      let n = 0;
      for (let r = 0; r < p.n; r++) n += p.flags[r] & FLAG_SHADOWED ? 0 : 1;
      return n;
    }
    if (f.type) {
      let n = 0;
      const { byType } = t;
      for (let id = 0; id < byType.length; id++) if (f.type[id] === 1) n += byType[id];
      return n;
    }
    if (f.admin !== undefined) return f.admin ? t.admin : t.live - t.admin;
    return t.live;
  }

  /** The partition's totals, computed once its rows are settled (null before). */
  private hourTotals(p: PartitionIndex): HourTotals | null {
    let t = this.totals.get(p);
    if (t) return t;
    if (!this.view.settled()) return null;
    const type = p.cols[COLS.type];
    let max = 0;
    for (let r = 0; r < p.n; r++) if (type[r] > max) max = type[r];
    t = { live: 0, admin: 0, byType: new Uint32Array(p.n > 0 ? max + 1 : 0) };
    for (let r = 0; r < p.n; r++) {
      if (p.flags[r] & FLAG_SHADOWED) continue;
      t.live++;
      if (p.flags[r] & FLAG_ADMIN) t.admin++;
      t.byType[type[r]]++;
    }
    this.totals.set(p, t);
    return t;
  }

  /** What the user did (as actor): where from, with which devices, and when last. */
  summaryForUser(user: { id: string; email: string | null }): UserActivitySummary {
    const ids = this.personIds(user);
    const summary: UserActivitySummary = {
      activityCount: 0,
      countries: [],
      ips: [],
      devices: [],
      lastActivityAt: null,
    };
    if (ids.size === 0) return summary;
    const countries = new Map<number, number>();
    const ips = new Map<number, { count: number; country: number }>();
    const devices = new Map<number, number>();
    for (let k = 0; k < this.view.length; k++) {
      const p = this.view.at(k);
      const actor = p.cols[COLS.actor];
      const country = p.cols[COLS.country];
      const ip = p.cols[COLS.ip];
      const ua = p.cols[COLS.ua];
      for (let r = 0; r < p.n; r++) {
        if (!ids.has(actor[r]) || p.flags[r] & FLAG_SHADOWED) continue;
        summary.activityCount++;
        summary.lastActivityAt ??= p.at[r]; // newest first
        if (country[r]) countries.set(country[r], (countries.get(country[r]) ?? 0) + 1);
        if (ip[r]) {
          const e = ips.get(ip[r]);
          if (e) e.count++;
          else ips.set(ip[r], { count: 1, country: country[r] }); // country as of the latest use
        }
        if (ua[r]) devices.set(ua[r], (devices.get(ua[r]) ?? 0) + 1);
      }
    }
    const top = <T extends { count: number }>(list: T[]) =>
      list.sort((a, b) => b.count - a.count).slice(0, SUMMARY_LIST_MAX);
    summary.countries = top(
      [...countries].map(([id, count]) => ({ country: this.dict.lookup(KIND.country, id)!, count })),
    );
    summary.ips = top(
      [...ips].map(([id, e]) => ({
        ip: this.dict.lookup(KIND.ip, id)!,
        count: e.count,
        country: this.dict.lookup(KIND.country, e.country),
      })),
    );
    summary.devices = top([...devices].map(([id, count]) => ({ userAgent: this.dict.lookup(KIND.ua, id)!, count })));
    return summary;
  }

  lastActivityAt(user: { id: string; email: string | null }): number | null {
    if (!this.lastAtByPerson) {
      const last = new Float64Array(this.dict.size(KIND.person) + 1);
      for (let k = 0; k < this.view.length; k++) {
        const p = this.view.at(k);
        const actor = p.cols[COLS.actor];
        for (let r = 0; r < p.n; r++) {
          if (p.flags[r] & FLAG_SHADOWED) continue;
          if (p.at[r] > last[actor[r]]) last[actor[r]] = p.at[r];
        }
      }
      this.lastAtByPerson = last;
    }
    let best = 0;
    for (const v of [user.id, user.email]) {
      if (!v) continue;
      for (const id of this.dict.idsIgnoringCase(KIND.person, v.toLowerCase()))
        best = Math.max(best, this.lastAtByPerson[id] ?? 0);
    }
    return best > 0 ? best : null;
  }

  /** Dictionary ids the user appears under as a person (id or email, case-insensitively). */
  private personIds(user: { id: string; email: string | null }): Set<number> {
    const ids = new Set<number>();
    for (const v of [user.id, user.email])
      if (v) for (const id of this.dict.idsIgnoringCase(KIND.person, v.toLowerCase())) ids.add(id);
    return ids;
  }
}
