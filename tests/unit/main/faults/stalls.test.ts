// Fault class: a server that never answers, or stalls mid-body. Each request has a deadline,
// so the sync ends with one line instead of hanging this sync and every scheduled one after it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneClearLine, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  // A short deadline: each stalled attempt costs this much. A request that misses it on a busy
  // machine is retried like any other, so nothing below counts pages or attempts exactly.
  rig = await startRig({ timeoutMs: 1000 });
});
afterEach(() => rig.close());

describe('fault: stalls', () => {
  it('a server that accepts the request and never answers ends the sync with one line', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'stall_headers' }, after: 2 });
    const r = await rig.sync();
    expectOneClearLine(r, /security_audit_logs\) after 3 attempts: no answer within 1 s/);
    expect(r.error?.code).toBe('network');
    expect(r.added).toBeGreaterThan(0); // the pages before the stall are kept
    await rig.behaveAndCheck();
  });

  it('a body that stalls midway ends the sync with one line', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'stall_body' }, after: 1 });
    const r = await rig.sync();
    expectOneClearLine(r, /stalled mid-body|no answer within/);
    await rig.behaveAndCheck();
  });

  it('a stall in the users phase ends the sync too, and the next one completes', async () => {
    rig.hostile.add({ path: '/Users', fault: { kind: 'stall_headers' } });
    const r = await rig.sync();
    // SCIM failing is not fatal to the sync (Graph members still fill the list); it must return.
    expect(r.warnings.join('\n') + (r.error?.message ?? '')).toMatch(/no answer within/);
    await rig.behaveAndCheck();
  });
});
