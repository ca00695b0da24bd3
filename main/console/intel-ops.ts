// The facade's `intel` slice: the IP lists' freshness, URLs and refresh opt-ins
// (preload/contract/intel.ts), over main/intel's IpLists and its refresh schedule.
import type { z } from 'zod';
import type { IntelLists, intelOperations } from '../../preload/contract/intel';
import type { IpLists } from '../intel/ip-lists';
import { BUILT_IN_LISTS } from '../intel/list-catalog';
import { nextScheduledRefresh } from '../intel/list-refresh-schedule';
import { listUrlProblem } from '../intel/list-url';
import { GuardError } from '../runtime/errors';

type Ops = typeof intelOperations;
export type IntelApi = {
  [M in keyof Ops]: (input: z.output<Ops[M]['input']>) => Promise<z.output<Ops[M]['output']>>;
};

function listsView(lists: IpLists, now: number): IntelLists {
  const settings = lists.settings();
  return {
    online: settings.online,
    schedule: settings.schedule,
    lists: lists.status(now).map((l) => ({
      ...l,
      customUrls: Object.hasOwn(settings.urls, l.id),
      nextRefreshAt: nextScheduledRefresh(l, settings, now),
    })),
  };
}

export function intelApi(lists: IpLists | null, now: () => number = Date.now): IntelApi {
  const need = (): IpLists => {
    if (!lists) throw new GuardError('unsupported', 'IP lists are not available in this console.');
    return lists;
  };
  return {
    async lists() {
      return listsView(need(), now());
    },
    async setListSettings({ online, schedule, urls }) {
      const l = need();
      // Every URL is checked before anything is saved: one bad entry changes nothing.
      for (const [id, list] of Object.entries(urls ?? {})) {
        if (!BUILT_IN_LISTS.some((d) => d.id === id)) {
          const known = BUILT_IN_LISTS.map((d) => d.id).join(', ');
          throw new GuardError('invalid_input', `There is no list "${id}"; the lists are ${known}.`);
        }
        for (const url of list ?? []) {
          const problem = listUrlProblem(url);
          if (problem) throw new GuardError('invalid_input', `${id}: ${problem}.`);
        }
      }
      for (const [id, list] of Object.entries(urls ?? {})) await l.setUrls(id, list);
      if (online !== undefined) await l.setOnline(online);
      if (schedule !== undefined) await l.setSchedule(schedule);
      return listsView(l, now());
    },
    async refreshLists(input) {
      const ids = input?.ids;
      const l = need();
      if (!l.settings().online)
        throw new GuardError(
          'refused',
          'Online refresh is off: turn it on in Settings (IP lists) to download the lists from their publishers.',
        );
      const unknown = (ids ?? []).filter((id) => !BUILT_IN_LISTS.some((d) => d.id === id));
      if (unknown.length > 0) throw new GuardError('invalid_input', `There is no list ${unknown.join(', ')}.`);
      const results = await l.refresh({ ids, now: now() });
      return { results, lists: listsView(l, now()) };
    },
  };
}
