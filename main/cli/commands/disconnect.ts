// workplace-guard disconnect: forget the credentials, keep the data for offline review.
import { openLocalSession } from '../../sync/local-session';
import type { Command } from '../command';

export const disconnectCommand: Command = {
  name: 'disconnect',
  summary: 'Disconnect from Workplace (synced data is kept)',
  usage: 'disconnect [--json]',
  options: {},
  async run(ctx) {
    const session = await openLocalSession(ctx.dataDir);
    try {
      const s = await session.connector.disconnect();
      if (ctx.json) ctx.out(JSON.stringify(s));
      else if (s.state === 'disconnected')
        ctx.out(
          `Disconnected from ${s.organisation?.name}. Its data is kept for offline review; credentials were deleted.`,
        );
      else ctx.out('Not connected; nothing to do.');
      return 0;
    } finally {
      await session.close();
    }
  },
};
