// Fault class: the token expires mid-sync (code 190). The sync stops at once (no retry storm)
// with a line that says to reconnect; what was committed stays, and the next sync resumes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneClearLine, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('fault: 190 mid-sync', () => {
  it('stops with token_invalid after the pages already committed, and resumes once the token works', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'token_expired' }, after: 3 });
    const r = await rig.sync();
    expectOneClearLine(r, /rejected the access token.*Session has expired \(code 190\)/);
    expect(r.error?.code).toBe('token_invalid');
    expect(r.errorKind).toBe('token');
    expect(rig.hostile.faultsServed).toBe(1);
    expect(r.added).toBe(120); // three pages committed before the 190
    const second = await rig.behaveAndCheck();
    expect(second.added).toBe(80); // resumed where it stopped: the rest, nothing twice
  });
});
