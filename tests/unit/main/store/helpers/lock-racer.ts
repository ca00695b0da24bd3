// Child process for the lock race: waits for "go N" on stdin, tries to take the data-dir lock
// at that instant, answers "got N" or "refused N <message>", and releases on "release N".
import readline from 'node:readline';
import { acquireDataDirLock, type DataDirLock } from '../../../../../main/store/data-dir-lock';

const dir = process.argv[2];
let held: DataDirLock | null = null;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [verb, round] = line.split(' ');
  if (verb === 'go') {
    try {
      held = acquireDataDirLock(dir, 'lock-racer');
      process.stdout.write(`got ${round}\n`);
    } catch (err) {
      process.stdout.write(`refused ${round} ${(err as Error).message.replace(/\n/g, ' ')}\n`);
    }
  } else if (verb === 'release') {
    held?.release();
    held = null;
    process.stdout.write(`released ${round}\n`);
  }
});
process.stdout.write('ready\n');
