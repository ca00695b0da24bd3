// Shared helpers for the store tests: temp data directories and activity/user builders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { StoredActivity, StoredUser } from '../../../../main/store/types';

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
