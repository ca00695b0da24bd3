// Fault class: a connection reset mid-body. A short burst is retried within the sync; a server
// that keeps resetting ends it with one line; nothing is stored twice or lost either way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneClearLine, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('fault: mid-body resets', () => {
  it('a couple of resets are retried and the sync completes', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'reset_mid_body' }, after: 2, times: 2 });
    const r = await rig.sync();
    expect(r.error).toBeNull();
    expect(rig.waits.filter((w) => w.reason === 'retry')).toHaveLength(2);
    await rig.behaveAndCheck();
  });

  it('a server that keeps resetting ends the sync with one line', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'reset_mid_body' }, after: 1 });
    const r = await rig.sync();
    expectOneClearLine(r, /Could not reach Workplace \(GET .*security_audit_logs\) after 3 attempts/);
    await rig.behaveAndCheck();
  });
});
