// Child process for the crash test: appends deterministic pages forever (cycling through hours,
// so every append rewrites existing partitions), commits a checkpoint after each page as the sync
// does, and reports each committed page on stdout. The parent SIGKILLs it at arbitrary points,
// or WG_TEST_KILL_AT makes it kill itself at one commit step (main/store/kill-points.ts).
import { openStore } from '../../../../../main/store/index';
import { workerPage } from './worker-data';

export const CHECKPOINT_KEY = 'crash-test.checkpoint';

const dir = process.argv[2];
const startPage = Number(process.argv[3]);
/** Bounded when the worker is meant to kill itself: it exits 0 if its kill point never came. */
const endPage = process.argv[4] ? Number(process.argv[4]) : Infinity;
const store = await openStore(dir);
for (let page = startPage; page < endPage; page++) {
  await store.activities.append(workerPage(page));
  await store.meta.set(CHECKPOINT_KEY, page);
  process.stdout.write(`committed ${page}\n`);
}
await store.close();
