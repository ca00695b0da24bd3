import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { tempDir, user } from './fixtures';

// peek() is detection's per-activity lookup: it must find the same person as findByEmail ?? get,
// without the copy, and follow upserts (no stale view).
describe('UserStore.peek', () => {
  it('finds by email (any case, trimmed) first, then by id, and agrees with findByEmail ?? get', async () => {
    const store = await openStore(tempDir());
    await store.users.upsertMany([
      user({ id: 'u1', name: 'Alice', email: 'Alice@Example.com' }),
      user({ id: 'bob@example.com', name: 'Id looks like a mail', email: null }),
      user({ id: 'u3', name: 'Carol', email: 'carol@example.com' }),
    ]);
    for (const actor of [' ALICE@example.com ', 'u1', 'bob@example.com', 'u3', 'U3', 'nobody@example.com', '']) {
      const expected = store.users.findByEmail(actor) ?? store.users.get(actor);
      expect(store.users.peek(actor)?.id ?? null, actor).toBe(expected?.id ?? null);
    }
    expect(store.users.peek('alice@example.com')?.name).toBe('Alice');
    expect(store.users.peek('nobody@example.com')).toBeNull();
    await store.close();
  });

  it('follows an upsert that changes the email', async () => {
    const store = await openStore(tempDir());
    await store.users.upsertMany([user({ id: 'u1', name: 'A', email: 'old@example.com' })]);
    expect(store.users.peek('old@example.com')?.id).toBe('u1');
    await store.users.upsertMany([user({ id: 'u1', name: 'A', email: 'new@example.com', admin: true })]);
    expect(store.users.peek('old@example.com')).toBeNull();
    expect(store.users.peek('new@example.com')).toMatchObject({ id: 'u1', admin: true });
    await store.close();
  });
});
