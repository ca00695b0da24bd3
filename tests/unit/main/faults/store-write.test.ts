// Fault class: the store cannot write partway through a sync (a day's partition folder turned
// into a file while pages arrive). The sync ends with one line naming the path; nothing is left
// unobserved; once the folder is back, the next sync stores every event exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, expectOneClearLine, NOW, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('fault: store write failures', () => {
  it('a partition folder replaced by a file mid-sync: one line naming it, then a clean resume', async () => {
    // The oldest day of the window: the walk (newest first) reaches it last.
    const day = new Date(NOW - 10 * DAY + 1000).toISOString().slice(0, 10);
    const blocker = path.join(rig.dir, 'store', 'activities', day);
    rig.hostile.add({
      path: '/security_audit_logs',
      after: 1,
      times: 1,
      fault: {
        kind: 'rewrite',
        rewrite: (body) => {
          fs.rmSync(blocker, { recursive: true, force: true });
          fs.mkdirSync(path.dirname(blocker), { recursive: true });
          fs.writeFileSync(blocker, 'not a folder');
          return body;
        },
      },
    });
    const r = await rig.sync();
    expectOneClearLine(r, new RegExp(day));
    expect(rig.crashes).toEqual([]);
    fs.rmSync(blocker);
    await rig.behaveAndCheck();
  });
});
