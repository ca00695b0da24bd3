// The Activity drawer's response buttons follow the actor's real state (issue 11): a suspended
// user is offered Unsuspend, an active one Suspend. Real browser host over the in-app demo
// community; the users come from the engine through the same bridge the screen uses.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuardBridge, User } from '../../preload/contract';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

describe.skipIf(!browserAvailable())('the Activity drawer responds to the actor as they are', () => {
  let h: HostAndBrowser;
  let page: Page;
  /** The user the first test suspended, so the second picks someone still active. */
  let suspended: string | undefined;

  /** A synced active user, not `except`, who has at least one activity as the actor. */
  async function activeUserWithActivity(except?: string): Promise<User> {
    return page.evaluate(async (except) => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      const users = await guard.users.list({ status: 'active', limit: 200 });
      if (!users.ok) throw new Error(users.error.message);
      for (const u of users.value.items) {
        if (u.id === except) continue;
        if (!u.email) continue;
        const acts = await guard.activities.list({ filter: { user: u.email }, limit: 1 });
        if (!acts.ok) throw new Error(acts.error.message);
        if (acts.value.items.some((a) => a.actor === u.email)) return u;
      }
      throw new Error('the demo has no active user with activity of their own');
    }, except);
  }

  /** Suspends the user in the demo community through governance, and waits until the store says so. */
  async function suspend(user: User) {
    await page.evaluate(async (id) => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      const r = await guard.governance.run({ action: 'suspend', user: id, reason: 'e2e: drawer follows state' });
      if (!r.ok) throw new Error(r.error.message);
    }, user.id);
    await page.waitForFunction(async (id) => {
      const r = await (window as unknown as { guard: GuardBridge }).guard.users.summary({ id });
      return r.ok && !r.value.user.active;
    }, user.id);
  }

  /** Opens the timeline on the user's activity and their newest row in the drawer. */
  async function openDrawerFor(user: User) {
    await page.goto(`${h.origin}/#/activity?user=${encodeURIComponent(user.email!)}`);
    // A row of this user's (the timeline of an earlier filter may still be on screen for a moment).
    const row = page.locator('[data-testid="activity-timeline"] [data-row]', { hasText: user.email! }).first();
    await row.waitFor();
    await row.click();
    const details = page.getByTestId('activity-details');
    await details.getByText(user.email!).first().waitFor();
    return details.locator('[aria-label="Response actions"]');
  }

  beforeAll(async () => {
    h = await startHostAndBrowser({ extraArgs: ['--demo'] });
    page = h.page;
    await page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 120_000 });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('offers Unsuspend, not Suspend, for a suspended actor', async () => {
    const user = await activeUserWithActivity();
    await suspend(user);
    const actions = await openDrawerFor(user);
    await actions.getByRole('button', { name: 'Unsuspend' }).waitFor();
    expect(await actions.getByRole('button', { name: 'Suspend', exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('activity-details').waitFor({ state: 'detached' });
    suspended = user.id;
  });

  it('offers Suspend, not Unsuspend, for an active actor', async () => {
    const actions = await openDrawerFor(await activeUserWithActivity(suspended));
    await actions.getByRole('button', { name: 'Suspend', exact: true }).waitFor();
    expect(await actions.getByRole('button', { name: 'Unsuspend' }).count()).toBe(0);
  });
});
