// Fault class: impossible values on an audit page — timestamps 1e20, year 9999, 9e15 ms,
// huge strings, objects where strings belong. Each such record is quarantined with its reason;
// the page and the rest of the sync go on, and later syncs are not blocked by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readQuarantine } from '../../../../main/sync/quarantine';
import { NOW, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

const at = Math.floor((NOW - 3600_000) / 1000);
const IMPOSSIBLE = [
  { id: 'bad-1e20', timestamp: 1e20, event: 'Logged in' },
  { id: 'bad-9999', timestamp: '9999-12-31T23:59:59Z', event: 'Logged in' },
  { id: 'bad-9e15', timestamp: 9e15, event: 'Logged in' },
  { id: 'bad-huge-id-' + 'x'.repeat(100_000), timestamp: at, event: 'Logged in' },
  { id: 'bad-huge-actor', timestamp: at, event: 'Logged in', actor_username: 'a'.repeat(1_000_000) },
  { id: 'bad-object-event', timestamp: at, event: { nested: ['not', 'a', 'string'] } },
  { id: 'bad-array-ip', timestamp: at, event: 'Logged in', ip_address: ['8.8.8.8', '1.1.1.1'] },
];

describe('fault: impossible values', () => {
  it('every impossible record is quarantined; the pages around it are stored; later syncs go on', async () => {
    rig.hostile.add({
      path: '/security_audit_logs',
      after: 1,
      times: 1,
      fault: {
        kind: 'rewrite',
        rewrite: (body) => {
          const b = body as { data: unknown[] };
          return { ...b, data: [...IMPOSSIBLE, ...b.data] };
        },
      },
    });
    const r = await rig.sync();
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.quarantined).toBe(IMPOSSIBLE.length);
    const { records } = readQuarantine(rig.store.meta);
    expect(records).toHaveLength(IMPOSSIBLE.length);
    for (const q of records) expect(q.reason).toMatch(/\S/);
    const stored = await rig.store.activities.query({}, null, 500);
    expect(stored.items.some((a) => a.id.startsWith('bad-'))).toBe(false);
    await rig.behaveAndCheck();
  });
});
