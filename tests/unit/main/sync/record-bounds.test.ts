// Issue 8 req 3: every record is bounded, never a page. Impossible timestamps, overlong fields
// and wrong types are quarantined one by one while the page and the sync go on; users keep
// everything but the bad field; and nothing stored can make a list operation's output fail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole } from '../../../../main/console/open-console';
import { MemorySecretStore } from '../../../../main/runtime/secrets';
import type { Store } from '../../../../main/store/types';
import { runSync, type SyncRunOptions } from '../../../../main/sync/engine';
import { readQuarantine } from '../../../../main/sync/quarantine';
import { RECORD_LIMITS } from '../../../../main/sync/record-bounds';
import { createWorkplaceClient } from '../../../../main/workplace/client';
import { integrationToken } from '../../../../main/workplace/credentials';
import { resolveUrls } from '../../../../main/workplace/urls';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { openStore, storedIds, tempDir } from './fixtures/temp-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);
const SCIM_DATES = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
let fw: FakeWorkplace;
let store: Store | null;
let clock = NOW;

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 40 });
  fw.users = [{ id: 'u1', email: 'ann@brightwave.example', name: 'Ann', admin: true }];
  store = null;
  clock = NOW;
});
afterEach(async () => {
  await store?.close();
  await fw.close();
});

function sync(target: Store, extra: Partial<SyncRunOptions> = {}) {
  const client = createWorkplaceClient({
    urls: resolveUrls({ apiBase: fw.base }),
    credentials: integrationToken('integration-token'),
    userAgent: 'test',
    sleep: async () => undefined,
    auditPageLimit: 40,
  });
  return runSync({
    store: target,
    client,
    orgId: 'org-1',
    enricher: null,
    backfillDays: 30,
    now: () => clock,
    ...extra,
  });
}

const at = (ms: number) => Math.floor(ms / 1000);
const hostile = (id: string, fields: Record<string, unknown>) => ({
  id,
  timestamp: at(NOW - 3600_000),
  event: 'Logged in',
  ip_address: '8.8.8.8',
  actor_username: 'ann@brightwave.example',
  ...fields,
});

describe('audit records out of bounds', () => {
  it('are quarantined one by one with their reason; the page and the later syncs go on', async () => {
    store = await openStore(tempDir('guard-bounds-'));
    fw.events = makeEvents(200, NOW - 5 * DAY, NOW - 1000);
    fw.faults.junk = [
      hostile('ts-1e20', { timestamp: 1e20 }),
      hostile('ts-9e15', { timestamp: 9e15 }),
      hostile('ts-9999', { timestamp: '9999-12-31T23:59:59Z' }),
      hostile('ts-1999', { timestamp: '1999-12-31T23:59:59Z' }),
      hostile('ts-tomorrow-plus', { timestamp: at(NOW + 2 * DAY) }),
      hostile('x'.repeat(RECORD_LIMITS.idChars + 1), {}),
      hostile('long-actor', { actor_username: 'a'.repeat(RECORD_LIMITS.nameChars + 1) }),
      hostile('long-summary', { extra_data: { summary: 's'.repeat(RECORD_LIMITS.summaryChars + 1) } }),
      hostile('ip-list', { ip_address: ['8.8.8.8', '1.1.1.1'] }),
      hostile('event-object', { event: { name: 'Logged in' } }),
      hostile('actor-object-of-list', { actor_username: { username: ['ann'] } }),
    ];
    const r = await sync(store);
    expect(r.error).toBeNull();
    expect(r).toMatchObject({ ok: true, added: 200, quarantined: 11 });
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    const reasons = Object.fromEntries(
      readQuarantine(store.meta).records.map((q) => [String((q.raw as { id: string }).id).slice(0, 20), q.reason]),
    );
    // Refused where the timestamp is parsed (workplace/) or where the record is bounded (sync/):
    // either way the reason names the value.
    const timeReason = /^(unreadable timestamp|timestamp) .* ?(is outside 2000-01-01 … now \+ 24 h)?/;
    expect(reasons['ts-1e20']).toMatch(timeReason);
    expect(reasons['ts-1e20']).toContain('100000000000000000000');
    expect(reasons['ts-9e15']).toMatch(timeReason);
    expect(reasons['ts-9e15']).toContain('9000000000000000');
    expect(reasons['ts-9999']).toMatch(timeReason);
    expect(reasons['ts-9999']).toContain('9999-12-31T23:59:59');
    expect(reasons['ts-1999']).toBe(
      'timestamp "1999-12-31T23:59:59Z" (1999-12-31T23:59:59.000Z) is outside 2000-01-01 … now + 24 h',
    );
    expect(reasons['ts-tomorrow-plus']).toMatch(/^timestamp \d+ \(2026-05-22T12:00:00.000Z\) is outside/);
    expect(reasons['x'.repeat(20)]).toBe('id is 257 characters (at most 256)');
    expect(reasons['long-actor']).toBe('actor is 1,001 characters (at most 1000)');
    expect(reasons['long-summary']).toBe('summary is 10,001 characters (at most 10000)');
    expect(reasons['ip-list']).toBe('ip_address is a list, not text');
    expect(reasons['event-object']).toBe('event is an object, not text');
    expect(reasons['actor-object-of-list']).toBe('actor_username.username is a list, not text');

    // The next sync is not blocked by them (today's failure): new events arrive and are stored.
    clock = NOW + 3600_000;
    fw.events.push(...makeEvents(5, NOW + 1000, clock - 1000, 'later'));
    const next = await sync(store);
    expect(next).toMatchObject({ ok: true, added: 5 });
  });

  it('a page of nothing but quarantined records does not end the walk', async () => {
    store = await openStore(tempDir('guard-bounds-'));
    fw.events = makeEvents(120, NOW - 5 * DAY, NOW - 1000);
    fw.faults.junk = Array.from({ length: 60 }, (_, i) => hostile(`far-${i}`, { timestamp: 1e20 }));
    const r = await sync(store);
    expect(r).toMatchObject({ ok: true, added: 120, quarantined: 60 });
  });
});

describe('users with hostile fields', () => {
  it('keep the user and drop the field with one warning per kind; users.list still answers', async () => {
    const dataDir = tempDir('guard-bounds-console-');
    fw.users = [
      { id: 'u1', email: 'ann@brightwave.example', name: 'Ann', scim: { [SCIM_DATES]: { termDate: 1e20 } } },
      { id: 'u2', email: 'bob@brightwave.example', name: 'Bob', scim: { [SCIM_DATES]: { termDate: '9999-99-99' } } },
      { id: 'u3', email: 'cy@brightwave.example', name: 'Cy', scim: { [SCIM_DATES]: { termDate: 9e15 } } },
      { id: 'u4', email: 'dee@brightwave.example', name: 'Dee', scim: { userName: undefined } },
      { id: 'u5', email: 'eve@brightwave.example', name: 'Eve', scim: { title: { text: 'Boss' } } },
      { id: 'u6', email: 'fay@brightwave.example', name: 'Fay', scim: { displayName: 'F'.repeat(5000) } },
      { id: 'u7', email: 'gus@brightwave.example', name: 'Gus', scim: { [SCIM_DATES]: { termDate: '2026-06-30' } } },
    ];
    fw.events = makeEvents(10, NOW - DAY, NOW - 1000);
    const running = await openConsole({ shell: 'node', dataDir, secrets: new MemorySecretStore() });
    try {
      const warnings: string[] = [];
      const connected = await dispatch(running.api, 'connector.connectToken', {
        token: 'integration-token-1',
        apiBase: fw.base,
      });
      expect(connected.ok).toBe(true);
      const result = await running.connector.waitForIdle();
      warnings.push(...result.warnings);
      expect(result.ok).toBe(true);

      const listed = await dispatch(running.api, 'users.list', {});
      expect(listed.ok, JSON.stringify(listed)).toBe(true);
      const users = (listed as { value: { items: { id: string; termDate: number | null; name: string }[] } }).value
        .items;
      const byId = Object.fromEntries(users.map((u) => [u.id, u]));
      expect(Object.keys(byId).sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
      expect(byId.u1.termDate).toBeNull();
      expect(byId.u2.termDate).toBeNull();
      expect(byId.u3.termDate).toBeNull();
      expect(byId.u7.termDate).toBe(Date.UTC(2026, 5, 30));
      expect(byId.u6.name).toBe('Fay'); // the Graph name fills in for the dropped display name

      expect(warnings.find((w) => w.includes('termDate'))).toMatch(
        new RegExp(
          '^3 users: termDate is not a date between 1970 and 2200 — the field was dropped, the user kept ' +
            '\\(e\\.g\\. u1: 100000000000000000000\\)\\.$',
        ),
      );
      expect(warnings.join('\n')).toMatch(/1 user: userName is missing/);
      expect(warnings.join('\n')).toMatch(/1 user: title is not text/);
      expect(warnings.join('\n')).toMatch(/1 user: displayName is longer than 1,000 characters/);
    } finally {
      await running.close();
    }
  });
});
