import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { HOUR, T0, act, partitionFile, tempDir, user } from './fixtures';

async function seeded(hours: number[] = [0, 1, 2]) {
  const dir = tempDir();
  const store = await openStore(dir);
  await store.activities.append(
    hours.flatMap((h) => [
      act({ id: `h${h}-a`, at: T0 + h * HOUR + 1 }),
      act({ id: `h${h}-b`, at: T0 + h * HOUR + 2 }),
    ]),
  );
  await store.users.upsertMany([user({ id: 'u1', name: 'Alice', email: 'alice@example.com' })]);
  await store.meta.set('checkpoint', { after: 'abc' });
  await store.close();
  return dir;
}

const quarantined = (dir: string) => fs.readdirSync(path.join(dir, 'store', 'quarantine'));

describe('corrupt partition', () => {
  it('is quarantined at open, reported with its hour, the rest readable; re-appending that hour works', async () => {
    const dir = await seeded();
    const bad = partitionFile(dir, T0 + HOUR);
    fs.writeFileSync(bad, '{"v":1,"hour":"2024-05-01T01","activities":[{"id":"h1-a",'); // torn by hand
    let store = await openStore(dir);
    const [report] = store.corruptions();
    expect(report).toMatchObject({
      file: 'activities/2024-05-01/01.json',
      range: { since: T0 + HOUR, until: T0 + 2 * HOUR },
    });
    expect(report.message).toMatch(/2024-05-01 01:00–02:00 UTC could not be read/);
    expect(report.message).toMatch(/fetched again/);
    expect(fs.existsSync(bad)).toBe(false);
    expect(quarantined(dir)).toHaveLength(1);
    // The quarantined bytes are kept as they were.
    expect(fs.readFileSync(path.join(dir, 'store', report.quarantinedAs), 'utf8')).toContain('"h1-a"');
    expect(store.activities.count()).toBe(4);
    expect((await store.activities.query({}, null, 10)).items.map((a) => a.id)).toEqual([
      'h2-b',
      'h2-a',
      'h0-b',
      'h0-a',
    ]);
    expect(store.activities.has('h1-a')).toBe(false);

    // The sync re-fetches the range: the lost ids are new again.
    const again = await store.activities.append([
      act({ id: 'h1-a', at: T0 + HOUR + 1 }),
      act({ id: 'h1-b', at: T0 + HOUR + 2 }),
      act({ id: 'h0-a', at: T0 + 1 }),
    ]);
    expect(again.added).toBe(2);
    await store.close();

    // The report survives a restart until acknowledged.
    store = await openStore(dir);
    expect(store.activities.count()).toBe(6);
    expect(store.corruptions()).toHaveLength(1);
    await store.clearCorruption(report.file);
    expect(store.corruptions()).toEqual([]);
    await store.close();
    store = await openStore(dir);
    expect(store.corruptions()).toEqual([]);
    await store.close();
  });

  it('that parses but has the wrong shape is quarantined too, never repaired', async () => {
    const dir = await seeded([5]);
    const bad = partitionFile(dir, T0 + 5 * HOUR);
    fs.writeFileSync(
      bad,
      JSON.stringify({ v: 1, hour: '2024-05-01T05', gen: 'x', activities: [{ id: 'h5-a', at: 'yesterday' }] }),
    );
    const store = await openStore(dir);
    expect(store.corruptions()[0].message).toMatch(/activity 1 is malformed/);
    expect(store.activities.count()).toBe(0);
    await store.close();
  });

  it('damaged after open (sidecar still matching) is found when its activities are read', async () => {
    const dir = await seeded();
    const store = await openStore(dir);
    const file = partitionFile(dir, T0 + 2 * HOUR);
    // Same size, same header: the sidecar still agrees, only the bytes of the activities changed.
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace(/"id":"h2-b"[^\n]*/, (m) => 'x'.repeat(m.length)),
    );
    const page = await store.activities.query({}, null, 10);
    expect(page.items.map((a) => a.id)).toEqual(['h1-b', 'h1-a', 'h0-b', 'h0-a']);
    expect(store.corruptions()).toHaveLength(1);
    expect(store.corruptions()[0].range).toEqual({ since: T0 + 2 * HOUR, until: T0 + 3 * HOUR });
    expect(store.activities.count()).toBe(4);
    await store.close();
  });
});

describe('index sidecars (derived data)', () => {
  it('a corrupt sidecar is rebuilt silently from its partition', async () => {
    const dir = await seeded();
    const idx = partitionFile(dir, T0).replace(/\.json$/, '.idx');
    const bytes = fs.readFileSync(idx);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(idx, bytes);
    fs.rmSync(partitionFile(dir, T0 + HOUR).replace(/\.json$/, '.idx'));
    const store = await openStore(dir);
    expect(store.corruptions()).toEqual([]);
    expect(store.activities.count()).toBe(6);
    expect((await store.activities.query({ user: 'alice@example.com' }, null, 10)).items).toHaveLength(6);
    expect(fs.existsSync(idx)).toBe(true);
    await store.close();
  });

  it('a sidecar from before the last partition write (killed in between) is detected and rebuilt', async () => {
    const dir = await seeded([0]);
    const idx = partitionFile(dir, T0).replace(/\.json$/, '.idx');
    const oldSidecar = fs.readFileSync(idx);
    let store = await openStore(dir);
    await store.activities.append([act({ id: 'late', at: T0 + 3 })]);
    await store.close();
    fs.writeFileSync(idx, oldSidecar); // as if the process died after the partition rename, before the sidecar's
    store = await openStore(dir);
    expect(store.activities.count()).toBe(3);
    expect(await store.activities.get('late')).toMatchObject({ id: 'late' });
    expect((await store.activities.query({}, null, 10)).items.map((a) => a.id)).toEqual(['late', 'h0-b', 'h0-a']);
    await store.close();
  });

  it('a damaged dictionary is replaced and every sidecar rebuilt, without reporting data loss', async () => {
    const dir = await seeded();
    const dict = path.join(dir, 'store', 'activities', 'dictionary.jsonl');
    fs.writeFileSync(dict, 'garbage\n' + fs.readFileSync(dict, 'utf8'));
    const store = await openStore(dir);
    expect(store.corruptions()).toEqual([]);
    expect((await store.activities.query({ country: 'fr', user: 'alice' }, null, 10)).items).toHaveLength(6);
    await store.close();
  });

  it('a torn dictionary tail and leftover temp files from a killed write are cleaned up', async () => {
    const dir = await seeded([0]);
    const dict = path.join(dir, 'store', 'activities', 'dictionary.jsonl');
    fs.appendFileSync(dict, '3\t"10.9.9');
    const tmp = path.join(path.dirname(partitionFile(dir, T0)), '.00.json.tmp');
    fs.writeFileSync(tmp, '{"half":');
    const store = await openStore(dir);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(fs.readFileSync(dict, 'utf8').endsWith('\n')).toBe(true);
    expect(store.activities.count()).toBe(2);
    await store.activities.append([act({ id: 'n', at: T0 + 5, ip: '10.9.9.9' })]);
    expect((await store.activities.query({ ip: '10.9.9.9' }, null, 5)).items.map((a) => a.id)).toEqual(['n']);
    await store.close();
  });
});

describe('corrupt users, meta and manifest files', () => {
  it('a corrupt users file is quarantined and reported; activities and meta are untouched', async () => {
    const dir = await seeded();
    fs.writeFileSync(path.join(dir, 'store', 'users.json'), '{"v":1,"users":[{"id":');
    const store = await openStore(dir);
    expect(store.corruptions()).toEqual([expect.objectContaining({ file: 'users.json', range: null })]);
    expect(store.corruptions()[0].message).toMatch(
      /^The users file could not be read .* fetched again at the next sync\.$/,
    );
    expect(store.users.count()).toBe(0);
    expect(store.activities.count()).toBe(6);
    expect(store.meta.get('checkpoint')).toEqual({ after: 'abc' });
    await store.users.upsertMany([user({ id: 'u1', name: 'Alice' })]);
    await store.close();
    const reopened = await openStore(dir);
    expect(reopened.users.get('u1')?.name).toBe('Alice');
    expect(reopened.corruptions()).toHaveLength(1);
    await reopened.close();
  });

  it('a corrupt meta file is quarantined and reported in the fresh one', async () => {
    const dir = await seeded();
    fs.writeFileSync(path.join(dir, 'store', 'meta.json'), '\u0000\u0000\u0000');
    let store = await openStore(dir);
    expect(store.corruptions()).toEqual([expect.objectContaining({ file: 'meta.json', range: null })]);
    expect(store.meta.get('checkpoint')).toBeNull();
    expect(store.activities.count()).toBe(6);
    await store.close();
    store = await openStore(dir);
    expect(store.corruptions()).toHaveLength(1);
    expect(quarantined(dir)[0]).toMatch(/^meta\.json\..*\.corrupt$/);
    await store.close();
  });

  it('a corrupt manifest is quarantined, reported, and the version worked out from the files', async () => {
    const dir = await seeded();
    fs.writeFileSync(path.join(dir, 'store', 'manifest.json'), '{"schemaVersion":');
    const store = await openStore(dir);
    expect(store.corruptions()).toEqual([expect.objectContaining({ file: 'manifest.json' })]);
    expect(store.activities.count()).toBe(6);
    await store.close();
  });
});
