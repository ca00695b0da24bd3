// Child process for the crash test: appends deterministic pages forever (cycling through hours,
// so every append rewrites existing partitions) and reports each committed page on stdout.
// The parent SIGKILLs it at arbitrary points.
import { openStore } from '../../../../../main/store/index';
import { workerPage } from './worker-data';

const dir = process.argv[2];
const startPage = Number(process.argv[3]);
const store = await openStore(dir);
for (let page = startPage; ; page++) {
  await store.activities.append(workerPage(page));
  process.stdout.write(`committed ${page}\n`);
}
