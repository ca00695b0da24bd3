// Child process for the read-only test: opens the store in the given directory as whatever user
// it runs as, reads, tries to write, and prints what happened as one JSON line.
import { openStore } from '../../../../../main/store/index';
import { GuardError } from '../../../../../main/runtime/errors';

const store = await openStore(process.argv[2]);
const page = await store.activities.query({}, null, 10);
const error = await store.activities.append([]).then(
  () => null,
  (e: unknown) => (e instanceof GuardError ? { code: e.code, message: e.message } : String(e)),
);
await store.close();
process.stdout.write(
  JSON.stringify({ readOnly: store.readOnly, ids: page.items.map((a) => a.id), users: store.users.count(), error }) +
    '\n',
);
