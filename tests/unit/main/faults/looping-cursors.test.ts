// Fault class: paging without end — a next URL that changes every time, the same page served
// again and again, SCIM pages without totalResults. Once these looped for tens of thousands
// of requests; now each stops within a few pages with a warning, and nothing is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('fault: looping cursors', () => {
  it('a next URL that changes every time: stopped with a warning within a few requests', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'changing_next' } });
    const r = await rig.sync();
    expect(r.ok).toBe(true);
    expect(r.warnings.join('\n')).toMatch(/audit log served the same page 3 times; stopped paging/);
    expect(rig.hostile.hits.get('/security_audit_logs')).toBeLessThanOrEqual(6);
    await rig.behaveAndCheck();
  });

  it('the same page with the same next link: stopped with a warning', async () => {
    rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'repeat_page' }, after: 1 });
    const r = await rig.sync();
    expect(r.ok).toBe(true);
    expect(r.warnings.join('\n')).toMatch(/stopped/);
    expect(rig.hostile.hits.get('/security_audit_logs')).toBeLessThanOrEqual(6);
    await rig.behaveAndCheck();
  });

  it('SCIM without totalResults that ignores startIndex: stopped with a warning, users kept', async () => {
    rig.fw.users = Array.from({ length: 100 }, (_, i) => ({ id: `u${i}`, email: `u${i}@bw.example`, name: `U${i}` }));
    rig.hostile.add({ path: '/Users', fault: { kind: 'scim_no_total' } });
    const r = await rig.sync();
    expect(r.ok).toBe(true);
    expect(r.users).toBe(100);
    expect(r.warnings.join('\n')).toMatch(/SCIM \/Users .*stopped paging/);
    expect(rig.hostile.hits.get('/Users')).toBeLessThanOrEqual(6);
    await rig.behaveAndCheck();
  });
});
