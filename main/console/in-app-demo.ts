// The demo community as the app runs it: in-process on loopback, with its parameters kept in
// the store so that a restarted console regenerates the very same organisation and history
// (same seed, same pinned "now") and reconnects to it, instead of finding a server gone.
import path from 'node:path';
import type { DemoServer } from '../demo/index';
// The rest of the console names the demo's type through this door (lint: only here and
// the demo-server command may import main/demo).
export type { DemoServer };
import type { Store } from '../store/types';

const META_KEY = 'demo-community';

export interface DemoParams {
  seed: string | number;
  users: number;
  days: number;
  /** End of the generated history, pinned at the first start. */
  now: number;
  liveRatePerMin: number;
}

export interface DemoDefaults {
  users?: number;
  days?: number;
  seed?: number | string;
  liveRatePerMin?: number;
}

/** Demo event ids are a 4-digit prefix and an 11-digit position in the server's log. */
function positionOf(id: string): number | null {
  return /^\d{15}$/.test(id) ? Number(id.slice(4)) : null;
}

async function newestSyncedPosition(store: Store): Promise<number | undefined> {
  const page = await store.activities.query({}, null, 50);
  const positions = page.items.map((a) => positionOf(a.id)).filter((p): p is number => p !== null);
  return positions.length ? Math.max(...positions) : undefined;
}

export async function startInAppDemo(store: Store, dataDir: string, defaults: DemoDefaults): Promise<DemoServer> {
  const saved = store.meta.get<DemoParams>(META_KEY);
  const params: DemoParams = saved ?? {
    seed: defaults.seed ?? 'workplace-guard-demo',
    users: defaults.users ?? 300,
    days: defaults.days ?? 30,
    now: Math.floor(Date.now() / 3_600_000) * 3_600_000,
    liveRatePerMin: defaults.liveRatePerMin ?? 6,
  };
  if (!saved) await store.meta.set(META_KEY, params);
  const { startDemoServer } = await import('../demo/index');
  return startDemoServer({
    users: params.users,
    days: params.days,
    seed: params.seed,
    now: params.now,
    liveClock: 'real',
    liveRatePerMin: params.liveRatePerMin,
    resumeAfterPosition: saved ? await newestSyncedPosition(store) : undefined,
    outDir: path.join(dataDir, 'demo-community'),
  });
}
