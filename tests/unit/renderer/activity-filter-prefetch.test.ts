// A filter changed by a click on the open Activity screen is asked for (its first page and its
// count) as the click changes it, before React renders the screen; the screen's own requests take
// those answers. Typing and a closed screen ask for nothing here.
import { describe, expect, it, vi } from 'vitest';
import {
  activityCountKey,
  activityScreenText,
  appliedFilter,
  filterClock,
  prefetchActivityOnFilterChange,
} from '../../../renderer/src/components/activity-filter-prefetch';
import { takeEarly } from '../../../renderer/src/components/opening-page';
import { firstActivityPage } from '../../../renderer/src/components/useActivityPages';
import { activityPageRequest } from '../../../renderer/src/requests';
import { emptyActivityFilter, useActivityFilter } from '../../../renderer/src/stores/activity-filter';
import { ok } from './support/in-memory-bridge';
import { prefetchSession } from './support/prefetch-session';

const session = prefetchSession(() => {
  activityScreenText(null);
  useActivityFilter.setState({ form: emptyActivityFilter });
  vi.useRealTimers();
});

function engine() {
  let n = 0;
  session.install({
    'activities.list': async () => ok({ items: [], nextCursor: `page-${++n}` }),
    'activities.countsByDay': async () => ok([{ day: '2026-12-01', count: ++n }]),
  });
  return () => session.bridge.calls.map((c) => c.op);
}

describe('a filter changed by a click', () => {
  it('is asked for as the click changes it, and taken by the screen’s first page and count', async () => {
    const ops = engine();
    session.stop = prefetchActivityOnFilterChange();
    activityScreenText('');
    useActivityFilter.getState().set({ types: ['login.failure'] });
    expect(ops()).toEqual(['activities.list', 'activities.countsByDay']);
    const filter = { types: ['login.failure'] };
    expect((await firstActivityPage(activityPageRequest(filter, null))).nextCursor).toBe('page-1');
    expect(await takeEarly(activityCountKey(filter), async () => 'afresh')).toEqual([{ day: '2026-12-01', count: 2 }]);
    expect(ops()).toHaveLength(2);
  });

  it('anchors a relative window where the screen anchors it: at the change', async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000, toFake: ['Date'] });
    engine();
    session.stop = prefetchActivityOnFilterChange();
    activityScreenText('');
    useActivityFilter.getState().set({ preset: '24h', admin: 'yes' });
    vi.setSystemTime(1_800_000_000_000 + 40);
    // The screen renders later, opened before the change: it computes the same window.
    const filter = appliedFilter(useActivityFilter.getState().form, filterClock(1_700_000_000_000))!;
    expect(filter.since).toBe(1_800_000_000_000 - 86_400_000);
    expect(session.bridge.calls[0].input).toEqual(activityPageRequest(filter, null));
  });

  it('keeps the text the screen has applied, not text still being typed', () => {
    engine();
    session.stop = prefetchActivityOnFilterChange();
    useActivityFilter.setState({ form: { ...emptyActivityFilter, text: 'grac' } });
    activityScreenText('gra');
    useActivityFilter.getState().set({ admin: 'yes' });
    expect(session.bridge.calls[0].input).toEqual(activityPageRequest({ text: 'gra', admin: true }, null));
  });

  it('asks for nothing while typing, nor while the screen is closed', () => {
    const ops = engine();
    session.stop = prefetchActivityOnFilterChange();
    useActivityFilter.getState().set({ admin: 'yes' });
    activityScreenText('');
    useActivityFilter.getState().set({ text: 'grace' });
    expect(ops()).toEqual([]);
  });
});
