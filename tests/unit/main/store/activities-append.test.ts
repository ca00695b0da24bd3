import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { GuardError } from '../../../../main/runtime/errors';
import { DAY, HOUR, T0, act, partitionFile, tempDir } from './fixtures';

describe('ActivityStore.append', () => {
  it("merges a sync's next page into the hour it just wrote from the bytes it wrote, not from the file", async () => {
    // A first sync walks newest first: each page's oldest hour is the next page's newest. The store
    // keeps that hour's bytes, so damage done to the file in between (same size, same generation)
    // is written over with what the store wrote; read back from the file, it would be copied along.
    const dir = tempDir();
    const store = await openStore(dir);
    const page1 = [3, 2, 1].map((m) => act({ id: `p1-${m}`, at: T0 + HOUR + m * 60_000 }));
    const page2 = [
      act({ id: 'p2-0', at: T0 + HOUR + 30_000 }),
      act({ id: 'p2-1', at: T0 + 50 * 60_000 }),
      act({ id: 'p2-2', at: T0 + 40 * 60_000 }),
    ];
    await store.activities.append([act({ id: 'p1-newer', at: T0 + 2 * HOUR + 5 }), ...page1]);
    const file = partitionFile(dir, T0 + HOUR);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace(/"id":"p1-2"[^\n]*/, (m) => 'x'.repeat(m.length)),
    );
    await store.activities.append(page2);
    for (const a of [...page1, ...page2]) expect(await store.activities.get(a.id)).toEqual(a);
    expect(store.corruptions()).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('xxxx');
    await store.close();
  });

  it('de-duplicates by id within a batch, across batches and partitions; returns exactly the new ones', async () => {
    const store = await openStore(tempDir());
    const a = act({ id: 'a', at: T0 + 1000 });
    const b = act({ id: 'b', at: T0 + 2 * HOUR });
    const first = await store.activities.append([a, b, { ...a }]);
    expect(first.added).toBe(2);
    expect(first.duplicates).toBe(1);
    expect(first.addedActivities.map((x) => x.id)).toEqual(['a', 'b']);

    // Same ids again — one of them re-dated into another day (a source correcting its timestamp): still a duplicate.
    const c = act({ id: 'c', at: T0 + 3 * DAY });
    const second = await store.activities.append([{ ...b }, { ...a, at: T0 + 5 * DAY }, c]);
    expect(second.added).toBe(1);
    expect(second.duplicates).toBe(2);
    expect(second.addedActivities).toEqual([c]);
    expect(store.activities.count()).toBe(3);
    expect(store.activities.has('a') && store.activities.has('c')).toBe(true);
    expect(store.activities.has('zzz')).toBe(false);
    await store.close();
  });

  it('keeps de-duplicating after a restart (the id set is rebuilt from the sidecars)', async () => {
    const dir = tempDir();
    let store = await openStore(dir);
    const batch = Array.from({ length: 300 }, (_, i) => act({ id: `r-${i}`, at: T0 + i * 10 * 60_000 }));
    expect((await store.activities.append(batch)).added).toBe(300);
    await store.close();
    store = await openStore(dir);
    const again = await store.activities.append([...batch, act({ id: 'r-new', at: T0 })]);
    expect(again.added).toBe(1);
    expect(again.duplicates).toBe(300);
    expect(store.activities.count()).toBe(301);
    await store.close();
  });

  it('stores numeric-string, uuid and non-ASCII ids exactly and returns the raw event untouched', async () => {
    const store = await openStore(tempDir());
    const raw = {
      id: '1234567890123456',
      nested: { é: 'ü', list: [1, null, 'x'] },
      timestamp: '2024-05-01T00:00:00+0000',
    };
    const items = [
      act({ id: '1234567890123456', at: T0 + 1, raw, summary: 'Zoë logged in — ✓' }),
      act({ id: '0b8f7c1e-3a8e-4c55-9c1b-2a4f0c2d9e11', at: T0 + 2 }),
      act({ id: 'ïd-ünicode-💡', at: T0 + 3 }),
    ];
    await store.activities.append(items);
    for (const it of items) expect(await store.activities.get(it.id)).toEqual(it);
    expect(await store.activities.get('nope')).toBeNull();
    await store.close();
  });

  it('rewrites only the hour partitions a batch touches', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const hours = [0, 1, 2, 26, 50];
    await store.activities.append(hours.map((h) => act({ at: T0 + h * HOUR + 5 })));
    const files = hours.map((h) => partitionFile(dir, T0 + h * HOUR));
    const sidecars = files.map((f) => f.replace(/\.json$/, '.idx'));
    // Backdate every file so a rewrite is visible whatever the file system's timestamp resolution.
    const past = new Date(Date.now() - 3_600_000);
    for (const f of [...files, ...sidecars]) fs.utimesSync(f, past, past);
    const before = [...files, ...sidecars].map((f) => fs.statSync(f).mtimeMs);

    await store.activities.append([act({ at: T0 + 1 * HOUR + 99 }), act({ at: T0 + 50 * HOUR + 99 })]);
    const after = [...files, ...sidecars].map((f) => fs.statSync(f).mtimeMs);
    const changed = [...files, ...sidecars].filter((_, i) => after[i] !== before[i]).map((f) => f.slice(dir.length));
    expect(changed.sort()).toEqual(
      [files[1], files[4], sidecars[1], sidecars[4]].map((f) => f.slice(dir.length)).sort(),
    );
    await store.close();
  });

  it('leaves existing activities byte-for-byte as written when a partition is extended', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const first = act({ id: 'keep', at: T0 + 10, raw: { odd: 'spaces  and\ttabs', n: 1.5e-7 } });
    await store.activities.append([first]);
    const line = (text: string) =>
      text
        .split('\n')
        .find((l) => l.includes('"id":"keep"'))!
        .replace(/,$/, '');
    const original = line(fs.readFileSync(partitionFile(dir, T0), 'utf8'));
    await store.activities.append([act({ at: T0 + 5 }), act({ at: T0 + 20 })]);
    const text = fs.readFileSync(partitionFile(dir, T0), 'utf8');
    expect(line(text)).toBe(original);
    // And the partition is an ordinary lowdb JSON document.
    const doc = JSON.parse(text) as { activities: { id: string }[] };
    expect(doc.activities.map((a) => a.id)[1]).toBe('keep');
    await store.close();
  });

  it('rejects activities without an id or a valid time, before writing anything', async () => {
    const store = await openStore(tempDir());
    await expect(store.activities.append([act({ at: T0 }), act({ id: '', at: T0 })])).rejects.toBeInstanceOf(
      GuardError,
    );
    await expect(store.activities.append([act({ at: Number.NaN })])).rejects.toMatchObject({ code: 'invalid_input' });
    expect(store.activities.count()).toBe(0);
    await store.close();
  });

  it('serialises concurrent appends: overlapping batches add each id once', async () => {
    const store = await openStore(tempDir());
    const all = Array.from({ length: 120 }, (_, i) => act({ id: `c-${i}`, at: T0 + i * 60_000 }));
    const results = await Promise.all([
      store.activities.append(all.slice(0, 80)),
      store.activities.append(all.slice(40)),
      store.activities.append(all),
    ]);
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(120);
    expect(store.activities.count()).toBe(120);
    await store.close();
  });
});
