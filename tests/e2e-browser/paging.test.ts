// The paged lists in Debian Chromium against the real host and the demo community: the Users
// list shows one page, "Load more" brings the rest, and the Activity timeline fills from its
// first page. Each step waits on what the page shows, never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_PAGE_SIZE } from '../../renderer/src/requests';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

describe.skipIf(!browserAvailable())('paged lists', () => {
  let h: HostAndBrowser;

  async function open(id: string, heading: string) {
    await h.page.locator(`nav [data-nav="${id}"]`).click();
    await h.page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  }

  beforeAll(async () => {
    h = await startHostAndBrowser({ extraArgs: ['--demo'] });
    // The first sync of the demo community has finished when the header says Connected.
    await h.page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 90_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Users: one page first, then Load more until everyone synced is shown', async () => {
    await open('users', 'Users');
    const rows = h.page.locator('[data-user-id]');
    await h.page.getByText(`${USER_PAGE_SIZE} shown`).waitFor();
    expect(await rows.count()).toBe(USER_PAGE_SIZE);
    await h.page.getByRole('button', { name: 'Load more' }).click();
    await h.page.getByText(/shown — everyone synced/).waitFor();
    const all = await rows.count();
    expect(all).toBeGreaterThan(USER_PAGE_SIZE);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-user-id')));
    expect(new Set(ids).size).toBe(all);
  });

  it('Users: a search narrows the list to the matches', async () => {
    await open('users', 'Users');
    await h.page.getByRole('textbox', { name: 'Search users' }).fill('zz-nobody-matches-this');
    await h.page.getByText('No user matches').waitFor();
    await h.page.getByRole('button', { name: 'Clear search' }).click();
    await h.page.getByText(`${USER_PAGE_SIZE} shown`).waitFor();
  });

  it('Activity: the timeline shows its first page and says more load as you scroll', async () => {
    await open('activity', 'Activity');
    await h.page.getByText(/more load as you scroll/).waitFor();
    expect(h.consoleErrors).toEqual([]);
  });
});
