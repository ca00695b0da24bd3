// Child process for the lock test: opens the store (taking the lock), says so, and waits to be killed.
import { openStore } from '../../../../../main/store/index';

const store = await openStore(process.argv[2]);
process.stdout.write(`ready ${process.pid}\n`);
setInterval(() => store.activities.count(), 60_000);
