import { describe, expect, it } from 'vitest';
import { readUsage, throttleDelayMs } from '../../../../main/workplace/usage';

const headers = (h: Record<string, string>) => new Headers(h);

describe('usage headers', () => {
  it('takes the highest percentage over X-App-Usage and every business use case', () => {
    const u = readUsage(
      headers({
        'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 40, total_time: 3 }),
        'x-business-use-case-usage': JSON.stringify({
          '123': [
            { type: 'pages', call_count: 85, total_cputime: 2, total_time: 1, estimated_time_to_regain_access: 0 },
          ],
        }),
      }),
    );
    expect(u).toEqual({ maxPercent: 85, regainAfterMs: 0 });
  });
  it('reads estimated_time_to_regain_access in minutes', () => {
    const u = readUsage(
      headers({
        'x-business-use-case-usage': JSON.stringify({ a: [{ call_count: 100, estimated_time_to_regain_access: 3 }] }),
      }),
    );
    expect(u.regainAfterMs).toBe(180_000);
    expect(throttleDelayMs(u, 5000)).toBe(180_000);
  });
  it('ignores absent or garbled headers', () => {
    expect(readUsage(headers({ 'x-app-usage': '{not json' }))).toEqual({ maxPercent: 0, regainAfterMs: 0 });
  });
  it('does not slow down under 80 %, then more the closer to 100 %', () => {
    expect(throttleDelayMs({ maxPercent: 79, regainAfterMs: 0 }, 5000)).toBe(0);
    const at80 = throttleDelayMs({ maxPercent: 80, regainAfterMs: 0 }, 5000);
    const at90 = throttleDelayMs({ maxPercent: 90, regainAfterMs: 0 }, 5000);
    const at100 = throttleDelayMs({ maxPercent: 100, regainAfterMs: 0 }, 5000);
    expect(at80).toBeGreaterThan(0);
    expect(at90).toBeGreaterThan(at80);
    expect(at100).toBe(5000);
  });
});
