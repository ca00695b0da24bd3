// The paged lists in Debian Chromium against the real host and the demo community: the Activity
// timeline fills from its first page (the Users list's paging is in users.test.ts). Each step
// waits on what the page shows, never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser, openScreen } from './helpers';

describe.skipIf(!browserAvailable())('paged lists', () => {
  let h: HostAndBrowser;

  const open = (id: string, heading: string) => openScreen(h.page, id, heading);

  beforeAll(async () => {
    h = await startHostAndBrowser({ extraArgs: ['--demo'] });
    // The first sync of the demo community has finished when the header says Connected.
    await h.page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 90_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Activity: the timeline shows its first page and says more load as you scroll', async () => {
    await open('activity', 'Activity');
    await h.page.getByText(/more load as you scroll/).waitFor();
    expect(h.consoleErrors).toEqual([]);
  });
});
