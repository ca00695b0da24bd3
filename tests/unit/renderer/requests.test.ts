// The exact inputs the screens send, held against the contract: narrowing an operation's input
// below what a screen asks for (the activities page limit under the timeline's page, say)
// fails here instead of breaking the screen.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../preload/contract';
import {
  ACTIVITY_PAGE_SIZE,
  ALERT_PAGE_SIZE,
  activityPageRequest,
  alertPageRequest,
  recentCountsRequest,
  USER_PAGE_SIZE,
  userPageRequest,
} from '../../../renderer/src/requests';
import { usersListInput } from '../../../renderer/src/components/user-list-params';

const fullFilter = { user: 'ann@bw.example', type: 'login.success', country: 'GB', since: 0, until: Date.now() };

function expectAccepted(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success, `refused ${JSON.stringify(input)}: ${String(result.error)}`).toBe(true);
}

describe('what the screens send is what the contract accepts', () => {
  it('the Activity timeline asks for its page size, first and next pages, any filter', () => {
    expect(ACTIVITY_PAGE_SIZE).toBe(200);
    for (const filter of [{}, fullFilter]) {
      for (const cursor of [null, 'c'.repeat(256)]) {
        const input = activityPageRequest(filter, cursor);
        expect(input.limit).toBe(ACTIVITY_PAGE_SIZE);
        expectAccepted(contract.activities.list.input, input);
      }
    }
  });

  it('the Users list asks for its page size with every filter and sort it offers', () => {
    const full = usersListInput(
      {
        status: 'inactive',
        admin: 'true',
        terminated: 'false',
        unclaimed: 'true',
        signIn: 'password',
        openAlerts: 'true',
        sort: 'lastActivity',
        reverse: 'true',
      },
      'x'.repeat(200),
    );
    for (const filters of [{}, { search: 'ann' }, full]) {
      for (const cursor of [null, 'next']) {
        const input = userPageRequest(filters, cursor);
        expect(input.limit).toBe(USER_PAGE_SIZE);
        expectAccepted(contract.users.list.input, input);
      }
    }
  });

  it('the Alerts queue asks for its page size with every filter and sort it offers', () => {
    const full = {
      open: true,
      severity: 'High' as const,
      policy: 'impossible-travel',
      user: 'ann@bw.example',
      since: Date.now() - 7 * 86_400_000,
      sort: 'severity' as const,
    };
    for (const filters of [
      { sort: 'newest' as const },
      full,
      { status: 'Resolved' as const, sort: 'oldest' as const },
    ]) {
      for (const cursor of [null, 'next']) {
        const input = alertPageRequest(filters, cursor);
        expect(input?.limit).toBe(ALERT_PAGE_SIZE);
        expectAccepted(contract.alerts.list.input, input);
      }
    }
  });

  it('the Dashboard counts from the start of its window', () => {
    const since = Date.UTC(2026, 0, 1);
    expectAccepted(contract.activities.countsByDay.input, recentCountsRequest(since));
    expectAccepted(contract.activities.countsByType.input, recentCountsRequest(since));
  });

  it('the screens that send nothing, or an empty object, are accepted too', () => {
    for (const op of [contract.app.info, contract.connector.status, contract.settings.get, contract.policies.list]) {
      expectAccepted(op.input, undefined);
    }
    expectAccepted(contract.alerts.list.input, {});
    expectAccepted(contract.activities.countsByType.input, {});
  });
});
