// Usage headers are percentages of the app's / business use case's limit. The client slows
// down from 80 % so it never hits 100 (where Workplace blocks for minutes), and honours
// `estimated_time_to_regain_access` (minutes) when it does get blocked.

export interface Usage {
  /** Highest percentage across X-App-Usage and every X-Business-Use-Case-Usage entry (0 when absent). */
  maxPercent: number;
  /** Longest estimated_time_to_regain_access, in ms (0 when absent). */
  regainAfterMs: number;
}

function percents(o: unknown): number[] {
  if (!o || typeof o !== 'object') return [];
  const r = o as Record<string, unknown>;
  return ['call_count', 'total_cputime', 'total_time', 'acc_id_util_pct']
    .map((k) => Number(r[k]))
    .filter((n) => Number.isFinite(n));
}

function parseJsonHeader(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null; // a garbled header must not fail the call it came with
  }
}

export function readUsage(headers: { get(name: string): string | null }): Usage {
  let maxPercent = 0;
  let regainMin = 0;
  for (const p of percents(parseJsonHeader(headers.get('x-app-usage')))) maxPercent = Math.max(maxPercent, p);
  const buc = parseJsonHeader(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object') {
    for (const entries of Object.values(buc as Record<string, unknown>)) {
      for (const e of Array.isArray(entries) ? entries : [entries]) {
        for (const p of percents(e)) maxPercent = Math.max(maxPercent, p);
        const regain = Number((e as Record<string, unknown> | null)?.estimated_time_to_regain_access);
        if (Number.isFinite(regain)) regainMin = Math.max(regainMin, regain);
      }
    }
  }
  return { maxPercent, regainAfterMs: Math.round(regainMin * 60_000) };
}

/** Pause before the next call: none under 80 %, then rising linearly to `maxMs` at 100 %. */
export function throttleDelayMs(usage: Usage, maxMs: number): number {
  if (usage.regainAfterMs > 0 && usage.maxPercent >= 100) return usage.regainAfterMs;
  if (usage.maxPercent < 80) return 0;
  return Math.round(((Math.min(usage.maxPercent, 100) - 80) / 20) * maxMs) || Math.round(maxMs / 20);
}
