// Fault class: redirects. A redirect to another origin was once followed, and the empty page
// found there trusted as the end of the audit log — the rest of the window lost for good.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneClearLine, startImpostor, startRig, type Rig } from './server/rig';

let rig: Rig;
let impostor: Awaited<ReturnType<typeof startImpostor>>;
beforeEach(async () => {
  rig = await startRig();
  impostor = await startImpostor();
});
afterEach(async () => {
  await rig.close();
  await impostor.close();
});

describe('fault: redirects', () => {
  it('a redirect to another origin mid-walk is refused with a line naming the target; nothing is lost', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'redirect_cross', to: impostor.base }, after: 2 });
    const r = await rig.sync();
    expectOneClearLine(
      r,
      new RegExp(`another origin \\(${impostor.base.replace(/\./g, '\\.')}/security_audit_logs\\)`),
    );
    expect(r.error?.code).toBe('refused');
    expect(impostor.hits).toBe(0);
    await rig.behaveAndCheck();
  });

  it('a few same-origin redirects are followed and the sync completes', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'redirect_same' }, after: 1, times: 2 });
    const r = await rig.sync();
    expect(r.ok).toBe(true);
    expect(rig.hostile.faultsServed).toBe(2);
    await rig.behaveAndCheck();
  });

  it('a same-origin redirect loop stops after a few hops with one line', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'redirect_same' } });
    const r = await rig.sync();
    expectOneClearLine(r, /redirected more than 3 times/);
    expect(rig.hostile.hits.get('/security_audit_logs')).toBe(4);
    await rig.behaveAndCheck();
  });
});
