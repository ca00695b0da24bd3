// Shared helpers for the store tests: temp data directories and activity/user builders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../../../../main/store/index';
import type { Store, StoredActivity, StoredUser } from '../../../../main/store/types';

export const T0 = Date.UTC(2024, 4, 1, 0, 0, 0); // 2024-05-01T00:00Z
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const made: string[] = [];
// Registered on the importing test file's root suite: every temp dir goes when the file is done.
afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-store-'));
  made.push(dir);
  return dir;
}

let seq = 0;
export function act(over: Partial<StoredActivity> & { at: number }): StoredActivity {
  const id = over.id ?? `evt-${++seq}`;
  return {
    id,
    type: 'login.success',
    event: 'Logged in',
    actor: 'alice@example.com',
    target: null,
    ip: '198.51.100.7',
    country: 'FR',
    city: 'Paris',
    lat: 48.85,
    lon: 2.35,
    radiusKm: 20,
    admin: false,
    impersonated: false,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/124',
    summary: `${over.actor ?? 'alice@example.com'} logged in`,
    raw: { id, event: over.event ?? 'Logged in', timestamp: Math.floor(over.at / 1000), extra_data: { summary: 'x' } },
    ...over,
  };
}

export function user(over: Partial<StoredUser> & { id: string; name: string }): StoredUser {
  return {
    email: null,
    title: null,
    department: null,
    active: true,
    admin: false,
    claimed: true,
    authMethod: 'sso',
    termDate: null,
    managerId: null,
    raw: {},
    ...over,
  };
}

export function partitionFile(dataDir: string, at: number): string {
  const key = new Date(at).toISOString();
  return path.join(dataDir, 'store', 'activities', key.slice(0, 10), `${key.slice(11, 13)}.json`);
}

/**
 * A store of three hours (two activities each) whose middle hour's file has one activity's bytes
 * overwritten, same size — the sidecar still agrees, so only a row-level read finds the damage.
 * The damaged rows are `h1-*`; the store is open and the caller closes it.
 */
export async function storeWithDamagedMiddleHour(): Promise<{ dir: string; store: Store }> {
  const dir = tempDir();
  const seed = await openStore(dir);
  await seed.activities.append(
    [0, 1, 2].flatMap((h) => [0, 1].map((k) => act({ id: `h${h}-${k}`, at: T0 + h * HOUR + k }))),
  );
  await seed.close();
  const store = await openStore(dir);
  const file = partitionFile(dir, T0 + HOUR);
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(
    file,
    text.replace(/"id":"h1-1"[^\n]*/, (m) => 'x'.repeat(m.length)),
  );
  return { dir, store };
}
