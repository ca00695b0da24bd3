import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeLayout } from '../../../../main/store/layout';
import { LowTerminationStore } from '../../../../main/store/termination-store';
import type { CorruptionReport } from '../../../../main/store/types';
import { tempDir } from './fixtures';

async function open(dir: string, reports: CorruptionReport[] = []) {
  const layout = storeLayout(dir);
  fs.mkdirSync(layout.root, { recursive: true });
  return LowTerminationStore.open(layout, async (r) => void reports.push(r));
}

describe('termination list', () => {
  it('upserts by email (any case), persists, and answers lookups for detection', async () => {
    const dir = tempDir();
    const list = await open(dir);
    const at = Date.UTC(2026, 2, 31);
    expect(
      await list.upsertMany([
        { email: 'Ana@Example.com', terminatedAt: at, importedAt: 1, source: 'a.csv' },
        { email: 'bob@example.com', terminatedAt: at, importedAt: 1, source: 'a.csv' },
      ]),
    ).toEqual({ added: 2, updated: 0 });
    expect(
      await list.upsertMany([{ email: 'ANA@example.com', terminatedAt: at + 1, importedAt: 2, source: 'b.csv' }]),
    ).toEqual({ added: 0, updated: 1 });
    const reopened = await open(dir);
    expect(reopened.lookup(' ana@EXAMPLE.com ')).toBe(at + 1);
    expect(reopened.lookup('carol@example.com')).toBeNull();
    expect(reopened.get('bob@example.com')?.source).toBe('a.csv');
    expect(reopened.list()).toHaveLength(2);
  });

  it('a damaged file is quarantined and reported', async () => {
    const dir = tempDir();
    const layout = storeLayout(dir);
    fs.mkdirSync(layout.root, { recursive: true });
    fs.writeFileSync(path.join(layout.root, 'terminations.json'), '{"v":1,"terminations":[{"email":4}]}');
    const reports: CorruptionReport[] = [];
    const list = await open(dir, reports);
    expect(list.list()).toEqual([]);
    expect(reports[0].message).toMatch(/termination list could not be read/);
  });
});
