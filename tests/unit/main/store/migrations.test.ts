import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import {
  CURRENT_SCHEMA_VERSION,
  runMigrations,
  type Migration,
  type MigrationContext,
} from '../../../../main/store/migrations';
import { storeLayout } from '../../../../main/store/layout';
import { HOUR, T0, act, partitionFile, tempDir } from './fixtures';

function writeV0(dir: string, activities: unknown[]) {
  fs.mkdirSync(path.join(dir, 'store'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'store', 'activities.json'), JSON.stringify({ activities }, null, 2));
}

describe('store schema migrations', () => {
  it('migrates a version-0 store (one activities file) into hour partitions, recorded in the manifest', async () => {
    const dir = tempDir();
    const old = Array.from({ length: 50 }, (_, i) => act({ id: `v0-${i}`, at: T0 + i * 17 * 60_000 }));
    writeV0(dir, [...old, old[3]]); // the prototype did not de-duplicate either
    const store = await openStore(dir);
    expect(store.activities.count()).toBe(50);
    expect(await store.activities.get('v0-7')).toEqual(old[7]);
    expect((await store.activities.query({}, null, 1)).items[0].id).toBe('v0-49');
    expect(fs.existsSync(path.join(dir, 'store', 'activities.json'))).toBe(false);
    expect(fs.existsSync(partitionFile(dir, T0 + 2 * HOUR))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'store', 'manifest.json'), 'utf8'));
    expect(manifest.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(manifest.migrations).toEqual([expect.objectContaining({ from: 0, to: 1 })]);
    expect(store.corruptions()).toEqual([]);
    await store.close();
  });

  it('keeps the v0 file in quarantine, with a report, when some of its records are malformed', async () => {
    const dir = tempDir();
    writeV0(dir, [act({ id: 'good', at: T0 }), { id: 'bad', at: 'never' }]);
    const store = await openStore(dir);
    expect(store.activities.count()).toBe(1);
    expect(store.corruptions()).toEqual([expect.objectContaining({ file: 'activities.json' })]);
    expect(store.corruptions()[0].message).toMatch(/1 of 2 records malformed/);
    await store.close();
  });

  it('a re-run after a crash mid-migration is harmless (steps are idempotent)', async () => {
    const dir = tempDir();
    const old = Array.from({ length: 20 }, (_, i) => act({ id: `c-${i}`, at: T0 + i * 60_000 }));
    writeV0(dir, old);
    let store = await openStore(dir);
    await store.close();
    // Simulate "killed before the manifest was written": the old file and version 0 are back.
    writeV0(dir, old);
    fs.rmSync(path.join(dir, 'store', 'manifest.json'));
    store = await openStore(dir);
    expect(store.activities.count()).toBe(20);
    await store.close();
  });

  it('runs registered steps in order from the recorded version, committing the manifest after each', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    await store.close();
    const ran: string[] = [];
    const steps: Migration[] = [
      { from: 2, to: 3, name: 'b', run: async () => void ran.push('2→3') },
      { from: 1, to: 2, name: 'a', run: async () => void ran.push('1→2') },
    ];
    const layout = storeLayout(dir);
    const m = await runMigrations(
      { layout } as MigrationContext,
      { schemaVersion: 1, createdAt: 0, migrations: [] },
      steps,
      3,
    );
    expect(ran).toEqual(['1→2', '2→3']);
    expect(m.schemaVersion).toBe(3);
    expect(JSON.parse(fs.readFileSync(layout.manifest, 'utf8')).schemaVersion).toBe(3);
  });

  it('refuses a store written by a newer version, and leaves it untouched and unlocked', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'store'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'store', 'manifest.json'),
      JSON.stringify({ schemaVersion: 99, createdAt: 0, migrations: [] }),
    );
    await expect(openStore(dir)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/newer Workplace Guard/),
    });
    expect(fs.existsSync(path.join(dir, 'guard.lock'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'store', 'manifest.json'), 'utf8')).schemaVersion).toBe(99);
  });
});
