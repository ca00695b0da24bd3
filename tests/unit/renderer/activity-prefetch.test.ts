// Opening the Activity screen asks for the timeline's first page at once, before the screen has
// rendered: the timeline takes that answer when it asks for the same request soon after, and asks
// afresh otherwise (another filter, a second load, a relative window that moves with the clock).
import { describe, expect, it, vi } from 'vitest';
import { askEarly, OPENING_FRESH_MS, takeEarly } from '../../../renderer/src/components/opening-page';
import {
  firstActivityPage,
  openingRequest,
  prefetchActivityOnOpen,
} from '../../../renderer/src/components/useActivityPages';
import { activityPageRequest } from '../../../renderer/src/requests';
import { emptyActivityFilter, useActivityFilter } from '../../../renderer/src/stores/activity-filter';
import { useNavigation } from '../../../renderer/src/stores/navigation';
import { prefetchUsersOnOpen } from '../../../renderer/src/screens/users';
import { userPageRequest } from '../../../renderer/src/requests';
import { usersListInput } from '../../../renderer/src/components/user-list-params';
import { ok } from './support/in-memory-bridge';
import { prefetchSession } from './support/prefetch-session';

const session = prefetchSession(() => {
  useNavigation.setState({ screen: 'dashboard', params: {}, leaveBlock: null, pendingLeave: null });
  useActivityFilter.setState({ form: emptyActivityFilter });
});

function listing() {
  let n = 0;
  session.install({ 'activities.list': async () => ok({ items: [], nextCursor: `page-${++n}` }) });
  return () => session.bridge.calls.filter((c) => c.op === 'activities.list');
}

describe('the timeline’s first page, asked for on opening', () => {
  it('is asked for once as the screen opens, and taken by the timeline’s first request', async () => {
    const calls = listing();
    useActivityFilter.setState({ form: { ...emptyActivityFilter, text: 'grace' } });
    session.stop = prefetchActivityOnOpen();
    useNavigation.getState().go('activity');
    expect(calls()).toHaveLength(1);
    const request = activityPageRequest({ text: 'grace' }, null);
    expect(calls()[0].input).toEqual(request);
    expect((await firstActivityPage(request)).nextCursor).toBe('page-1');
    expect(calls()).toHaveLength(1);
    // Taken once: a reload of the same filter asks the engine again.
    expect((await firstActivityPage(request)).nextCursor).toBe('page-2');
    // Moving within the screen asks for nothing more.
    useNavigation.getState().setParams({ text: 'grace' });
    expect(calls()).toHaveLength(2);
  });

  it('is not used for another filter than the one it was asked for', async () => {
    const calls = listing();
    session.stop = prefetchActivityOnOpen();
    useNavigation.getState().go('activity');
    const other = activityPageRequest({ text: 'hugo' }, null);
    expect((await firstActivityPage(other)).nextCursor).toBe('page-2');
    expect(calls().map((c) => c.input)).toEqual([activityPageRequest({}, null), other]);
  });

  it('is asked for before the screen renders, for the filter a link brings', () => {
    const calls = listing();
    const order: string[] = [];
    session.stop = prefetchActivityOnOpen();
    const unsubscribe = useNavigation.subscribe(() => order.push(`screen ${calls().length}`));
    useNavigation.getState().go('activity', { text: 'hugo' });
    unsubscribe();
    // The call was made before the store told the screens (and React) about the move.
    expect(order[0]).toBe('screen 1');
    expect(calls()[0].input).toEqual(activityPageRequest({ text: 'hugo' }, null));
  });

  it('is not asked for when the filter’s window moves with the clock', () => {
    const calls = listing();
    useActivityFilter.setState({ form: { ...emptyActivityFilter, preset: '24h' } });
    expect(openingRequest()).toBeNull();
    session.stop = prefetchActivityOnOpen();
    useNavigation.getState().go('activity');
    expect(calls()).toHaveLength(0);
    useActivityFilter.setState({ form: { ...emptyActivityFilter, preset: 'all', types: ['login.failure'] } });
    expect(openingRequest()).toEqual(activityPageRequest({ types: ['login.failure'] }, null));
  });
});

describe('a first page asked for early', () => {
  it('is used only while fresh: later the screen asks afresh', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    askEarly('k', async () => 'early');
    now.mockReturnValue(1_000 + OPENING_FRESH_MS + 1);
    expect(await takeEarly('k', async () => 'afresh')).toBe('afresh');
    now.mockRestore();
  });

  it('asks for the Users list’s first page as that screen opens, with the filters its link brings', async () => {
    let n = 0;
    session.install({ 'users.list': async () => ok({ items: [], nextCursor: null, total: ++n }) });
    session.stop = prefetchUsersOnOpen();
    useNavigation.getState().go('users', { status: 'active', q: 'ann' });
    // Built as the screen builds it (the key is the request's JSON, in the screen's order).
    const request = userPageRequest(usersListInput({ status: 'active', q: 'ann' }, 'ann'), null);
    expect(session.bridge.calls.map((c) => c.input)).toEqual([request]);
    const key = `users.list ${JSON.stringify(request)}`;
    expect(await takeEarly(key, async () => 'afresh')).toMatchObject({ total: 1 });
  });
});
