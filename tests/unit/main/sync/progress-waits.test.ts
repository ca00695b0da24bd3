// Issue 8 req 9 (part): a rate-limit wait is reported in the sync progress — what is waited for
// and until when — and in the CLI's progress line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../preload/contract';
import { SyncProgressSchema } from '../../../../preload/contract';
import { GuardEvents } from '../../../../main/runtime/events';
import type { Store } from '../../../../main/store/types';
import { formatProgress } from '../../../../main/sync/local-session';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { openStore, tempDir } from './fixtures/temp-store';
import { testConnector } from './fixtures/test-connector';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);
let fw: FakeWorkplace;
let store: Store;
let dir: string;

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 40 });
  fw.users = [{ id: 'u1', email: 'ann@brightwave.example', name: 'Ann' }];
  fw.events = makeEvents(100, NOW - 3 * DAY, NOW - 1000);
  dir = tempDir('guard-waits-');
  store = await openStore(dir);
});
afterEach(async () => {
  await store.close();
  await fw.close();
});

describe('rate-limit waits in the progress', () => {
  it('the progress says what is waited for and until when; the CLI line says it in words', async () => {
    const events = new GuardEvents();
    const progress: SyncProgress[] = [];
    events.on('sync.progress', (p) => progress.push(p));
    let waits = 0;
    const connector = testConnector(store, dir, {
      events,
      now: () => NOW,
      // The wait itself is not waited out: the limit lifts when the client would have slept.
      http: {
        sleep: async () => {
          if (++waits === 1) fw.faults.errors.delete('/security_audit_logs');
        },
      },
    });
    try {
      fw.faults.errors.set('/security_audit_logs', 4); // "Application request limit reached"
      await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base, backfillDays: 30 });
      const r = await connector.waitForIdle();
      expect(r.error).toBeNull();
      const waiting = progress.find((p) => p.waiting);
      expect(waiting?.waiting).toMatchObject({
        reason: 'rate_limited',
        until: expect.any(Number),
        call: `GET ${fw.base}/security_audit_logs`,
      });
      expect(waiting!.waiting!.until).toBeGreaterThan(NOW);
      expect(SyncProgressSchema.safeParse(waiting).success).toBe(true);
      const until = new Date(waiting!.waiting!.until).toISOString().slice(11, 19);
      expect(formatProgress(waiting!)).toContain(
        `waiting for Workplace's rate limit until ${until} UTC (GET ${fw.base}/security_audit_logs)`,
      );
      // Once the sync moves on, the wait is no longer reported.
      expect(progress.at(-1)).toMatchObject({ phase: 'done', waiting: null });
    } finally {
      await connector.close();
    }
  });
});
