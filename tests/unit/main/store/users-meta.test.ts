import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { tempDir, user } from './fixtures';

describe('UserStore', () => {
  it('upserts by id, merging the SCIM and Graph halves, and persists', async () => {
    const dir = tempDir();
    let store = await openStore(dir);
    await store.users.upsertMany([
      user({ id: '1', name: 'Alice', email: 'Alice@Example.com', raw: { scim: { userName: 'alice' } } }),
    ]);
    await store.users.upsertMany([
      user({
        id: '1',
        name: 'Alice Martin',
        email: 'alice@example.com',
        department: 'Sales',
        raw: { graph: { id: '1' } },
      }),
    ]);
    expect(store.users.count()).toBe(1);
    expect(store.users.get('1')).toMatchObject({
      name: 'Alice Martin',
      department: 'Sales',
      raw: { scim: { userName: 'alice' }, graph: { id: '1' } },
    });
    await store.close();
    store = await openStore(dir);
    expect(store.users.findByEmail('ALICE@example.com')?.id).toBe('1');
    expect(store.users.findByEmail('nobody@example.com')).toBeNull();
    expect(store.users.get('nope')).toBeNull();
    await store.close();
  });

  it('copies the users it is given, unless they are handed over (the sync gives up its fresh ones)', async () => {
    const store = await openStore(tempDir());
    const given = user({ id: '1', name: 'Ana', email: 'ana@example.com', raw: { scim: { userName: 'ana' } } });
    await store.users.upsertMany([given]);
    // A caller that goes on using its object (governance spreads a stored user) changes nothing stored.
    given.name = 'Changed';
    (given.raw.scim as { userName: string }).userName = 'changed';
    expect(store.users.peek('1')).toMatchObject({ name: 'Ana', raw: { scim: { userName: 'ana' } } });
    expect(store.users.peek('1')).not.toBe(given);

    const handed = user({ id: '2', name: 'Bo', email: 'bo@example.com', raw: { graph: { id: '2' } } });
    await store.users.upsertMany([handed], { handOver: true });
    expect(store.users.peek('2')).toBe(handed);
    // Merging a handed-over update into a stored user keeps the other source's raw resource.
    await store.users.upsertMany(
      [user({ id: '1', name: 'Ana M', email: 'ana@example.com', raw: { graph: { id: '1' } } })],
      {
        handOver: true,
      },
    );
    expect(store.users.get('1')).toMatchObject({
      name: 'Ana M',
      raw: { scim: { userName: 'ana' }, graph: { id: '1' } },
    });
    await store.close();
  });

  it('an email change moves the email index', async () => {
    const store = await openStore(tempDir());
    await store.users.upsertMany([user({ id: '1', name: 'A', email: 'old@example.com' })]);
    await store.users.upsertMany([user({ id: '1', name: 'A', email: 'new@example.com' })]);
    expect(store.users.findByEmail('old@example.com')).toBeNull();
    expect(store.users.findByEmail('new@example.com')?.id).toBe('1');
    await store.close();
  });

  it('lists sorted by name with search over name, email and department, and stable cursor paging', async () => {
    const store = await openStore(tempDir());
    const names = ['delta', 'Alpha', 'charlie', 'bravo', 'echo', 'Foxtrot', 'golf'];
    await store.users.upsertMany(
      names.map((n, i) =>
        user({ id: String(i), name: n, email: `${n.toLowerCase()}@example.com`, department: i % 2 ? 'Ops' : 'Sales' }),
      ),
    );
    const page1 = store.users.list(null, null, 3);
    expect(page1.items.map((u) => u.name)).toEqual(['Alpha', 'bravo', 'charlie']);
    // A user added between pages, before the cursor, does not shift the next page.
    await store.users.upsertMany([user({ id: '99', name: 'Aardvark' })]);
    const page2 = store.users.list(null, page1.nextCursor, 3);
    expect(page2.items.map((u) => u.name)).toEqual(['delta', 'echo', 'Foxtrot']);
    const page3 = store.users.list(null, page2.nextCursor, 3);
    expect(page3.items.map((u) => u.name)).toEqual(['golf']);
    expect(page3.nextCursor).toBeNull();
    expect(store.users.list('OPS', null, 10).items.map((u) => u.name)).toEqual(['Alpha', 'bravo', 'Foxtrot']);
    expect(store.users.list('ECHO@', null, 10).items.map((u) => u.name)).toEqual(['echo']);
    expect(store.users.list('sales', null, 2).nextCursor).not.toBeNull();
    expect(() => store.users.list(null, 'garbage', 2)).toThrow(/cursor/);
    await store.close();
  });
});

describe('MetaStore', () => {
  it('keeps small records across restarts; values are copies; delete removes', async () => {
    const dir = tempDir();
    let store = await openStore(dir);
    const checkpoint = { after: 'cursor-1', at: 1714521600000 };
    await store.meta.set('sync.checkpoint', checkpoint);
    checkpoint.after = 'mutated';
    await store.meta.set('connector.status', { state: 'connected' });
    expect(store.meta.get<{ after: string }>('sync.checkpoint')?.after).toBe('cursor-1');
    await store.close();
    store = await openStore(dir);
    expect(store.meta.get('sync.checkpoint')).toEqual({ after: 'cursor-1', at: 1714521600000 });
    await store.meta.delete('sync.checkpoint');
    expect(store.meta.get('sync.checkpoint')).toBeNull();
    await store.close();
    store = await openStore(dir);
    expect(store.meta.get('sync.checkpoint')).toBeNull();
    expect(store.meta.get('connector.status')).toEqual({ state: 'connected' });
    await store.close();
  });
});
