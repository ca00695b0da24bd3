import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { act, HOUR, T0, tempDir } from './fixtures';

describe('lastActivityAt (the Users list column)', () => {
  it("is the user's newest own activity, by email or id, case-insensitive, across appends and restarts", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    await store.activities.append([
      act({ at: T0, actor: 'alice@example.com' }),
      act({ at: T0 + 5 * HOUR, actor: 'alice@example.com' }),
      act({ at: T0 + 2 * HOUR, actor: 'bob@example.com' }),
      // Being the target of someone else's action is not the user's own activity.
      act({ at: T0 + 9 * HOUR, actor: 'admin@example.com', target: 'alice@example.com' }),
      act({ at: T0 + 3 * HOUR, actor: '1007' }),
    ]);
    expect(store.activities.lastActivityAt({ id: '1001', email: 'ALICE@example.com' })).toBe(T0 + 5 * HOUR);
    expect(store.activities.lastActivityAt({ id: '1007', email: null })).toBe(T0 + 3 * HOUR);
    expect(store.activities.lastActivityAt({ id: 'ghost', email: 'nobody@example.com' })).toBeNull();
    await store.activities.append([act({ at: T0 + 30 * HOUR, actor: 'alice@example.com' })]);
    expect(store.activities.lastActivityAt({ id: '1001', email: 'alice@example.com' })).toBe(T0 + 30 * HOUR);
    await store.close();
    const again = await openStore(dir);
    expect(again.activities.lastActivityAt({ id: '1001', email: 'alice@example.com' })).toBe(T0 + 30 * HOUR);
    expect(again.activities.lastActivityAt({ id: '1002', email: 'bob@example.com' })).toBe(T0 + 2 * HOUR);
    await again.close();
  });
});
