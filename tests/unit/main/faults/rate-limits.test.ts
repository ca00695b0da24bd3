// Fault class: rate limits (codes 4, 17, 32 with usage headers). The client waits as long as
// the server says, reports what it waits for and until when, and gives up with one line when
// the limit never lifts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneClearLine, NOW, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('fault: rate limits', () => {
  for (const code of [4, 17, 32] as const) {
    it(`code ${code}: waits out estimated_time_to_regain_access, reports until when, then completes`, async () => {
      rig.hostile.add({
        path: '/security_audit_logs',
        fault: { kind: 'rate_limit', code, regainMinutes: 3 },
        after: 1,
        times: 1,
      });
      const r = await rig.sync();
      expect(r.error).toBeNull();
      const wait = rig.waits.find((w) => w.reason === 'rate_limited');
      expect(wait).toMatchObject({ ms: 180_000, url: expect.stringMatching(/^GET .*\/security_audit_logs$/) });
      expect(wait!.until).toBeGreaterThanOrEqual(NOW + 180_000);
      await rig.behaveAndCheck();
    });
  }

  it('a limit that never lifts ends the sync with one line, after a bounded number of waits', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'rate_limit', code: 17, regainMinutes: 1 } });
    const r = await rig.sync();
    expectOneClearLine(r, /kept rate-limiting the console.*still rate-limited after 3 waits/);
    expect(r.error?.code).toBe('rate_limited');
    expect(rig.waits.filter((w) => w.reason === 'rate_limited')).toHaveLength(3);
    await rig.behaveAndCheck();
  });
});
