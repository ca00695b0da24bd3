import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { tempDir } from './fixtures';
import { workerPage } from './helpers/worker-data';

const root = path.resolve(__dirname, '../../../..');

/** Starts the append worker at `startPage`, SIGKILLs it right after its `killAfter`-th commit; resolves with the last committed page. */
function runAndKill(dir: string, startPage: number, killAfter: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'helpers/append-worker.ts'), dir, String(startPage)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let last = startPage - 1;
    let seen = 0;
    let buffered = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (!m) continue;
        last = Number(m[1]);
        // Killed while it is already inside the next append: somewhere between reading, the
        // dictionary append, the partition rename and the sidecar rename.
        if (++seen === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(last) : reject(new Error(`worker exited with ${code}`)),
    );
  });
}

describe('append survives SIGKILL at arbitrary moments', () => {
  it('reopens consistent every time: committed pages present, no duplicates, no corruption, resume de-duplicates', async () => {
    const dir = tempDir();
    let next = 0;
    let attemptedUpTo = -1;
    for (let round = 0; round < 10; round++) {
      const committed = await runAndKill(dir, next, 1 + (round % 4));
      attemptedUpTo = committed + 1; // the page in flight when killed may or may not have landed
      const store = await openStore(dir);
      expect(store.corruptions()).toEqual([]);
      for (let p = 0; p <= committed; p++) for (const a of workerPage(p)) expect(store.activities.has(a.id)).toBe(true);
      const attempted = new Set<string>();
      for (let p = 0; p <= attemptedUpTo; p++) for (const a of workerPage(p)) attempted.add(a.id);
      // Everything listed is unique and was actually sent; count agrees with the listing.
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.activities.query({}, cursor, 500);
        listed.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed.length).toBe(store.activities.count());
      expect(listed.every((id) => attempted.has(id))).toBe(true);
      await store.close();
      next = committed + 1; // resume from the checkpoint: the overlap with the last page is de-duplicated
    }
    // Finally replay everything, as a sync without any checkpoint would: exactly the missing ones are new.
    const store = await openStore(dir);
    const all = Array.from({ length: attemptedUpTo + 1 }, (_, p) => workerPage(p)).flat();
    const unique = new Set(all.map((a) => a.id));
    const before = store.activities.count();
    const r = await store.activities.append(all);
    expect(r.added).toBe(unique.size - before);
    expect(store.activities.count()).toBe(unique.size);
    await store.close();
  }, 120_000);
});
