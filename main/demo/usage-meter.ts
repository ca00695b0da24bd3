// Call accounting of the demo community: the rolling hour of calls behind the X-App-Usage and
// X-Business-Use-Case-Usage headers, and the 429 answers (budget exhausted or a rate-limit fault).
import type { FaultConfig, FaultCounters } from './faults';
import { graphError, type ApiResponse } from './http-kit';

const RATE_LIMIT_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
};

export class UsageMeter {
  /** Calls per wall-clock minute over the last hour. */
  private readonly buckets = new Map<number, number>();

  constructor(
    private readonly callBudgetPerHour: number,
    /** The business-use-case header is keyed by the community id, as Graph keys it by business. */
    private readonly communityId: string,
  ) {}

  private callsLastHour(): number {
    const minute = Math.floor(Date.now() / 60000);
    let n = 0;
    for (const [m, c] of this.buckets) {
      if (m <= minute - 60) this.buckets.delete(m);
      else n += c;
    }
    return n;
  }

  private percent(f: FaultConfig, counters: FaultCounters): number {
    let p = Math.round((this.callsLastHour() * 100) / Math.max(1, this.callBudgetPerHour));
    if (f.rateLimitAfter !== null)
      p = Math.max(p, Math.round((counters.rateLimitWindowCalls * 100) / Math.max(1, f.rateLimitAfter)));
    return Math.min(100, p);
  }

  headers(limited: boolean, f: FaultConfig, counters: FaultCounters): Record<string, string> {
    const p = limited ? 100 : this.percent(f, counters);
    const regain = limited ? f.rateLimitRegainMinutes : 0;
    return {
      'x-app-usage': JSON.stringify({
        call_count: p,
        total_cputime: Math.round(p * 0.6),
        total_time: Math.round(p * 0.8),
      }),
      'x-business-use-case-usage': JSON.stringify({
        [this.communityId]: [
          {
            type: 'pages',
            call_count: p,
            total_cputime: Math.round(p * 0.5),
            total_time: Math.round(p * 0.7),
            estimated_time_to_regain_access: regain,
          },
        ],
      }),
    };
  }

  /** Counts one call; a 429 answer when it goes over the budget or the rate-limit fault. */
  countCall(f: FaultConfig, counters: FaultCounters): ApiResponse | null {
    const minute = Math.floor(Date.now() / 60000);
    this.buckets.set(minute, (this.buckets.get(minute) ?? 0) + 1);
    let code: number | null = null;
    if (f.rateLimitAfter !== null) {
      counters.rateLimitWindowCalls += 1;
      if (counters.rateLimitWindowCalls > f.rateLimitAfter) {
        code = f.rateLimitCode;
        counters.rateLimitedServed += 1;
        if (counters.rateLimitedServed >= f.rateLimitCalls) {
          counters.rateLimitedServed = 0;
          counters.rateLimitWindowCalls = 0;
        }
      }
    }
    if (code === null && this.callsLastHour() > this.callBudgetPerHour) code = 4;
    if (code === null) return null;
    const res = graphError(429, code, RATE_LIMIT_MESSAGES[code] ?? 'Rate limited', { transient: true });
    Object.assign(res.headers, this.headers(true, f, counters), {
      'retry-after': String(f.rateLimitRegainMinutes * 60),
    });
    return res;
  }
}
