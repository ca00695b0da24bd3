// Days cut in the admin's time zone (activity-aggregates.ts countsByLocalDay) and counts per
// country, over a real store on disk. Pacific/Chatham is UTC+12:45 in May: its midnight falls
// at :15 past a UTC hour, inside an hour partition, so whole-partition bucketing cannot pass.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { localDayFormatter, isKnownTimeZone } from '../../../../main/store/local-day';
import { act, tempDir } from './fixtures';

const at = (iso: string) => Date.parse(iso);

describe('countsByLocalDay', () => {
  it('counts each activity on its day in the zone asked for, splitting an hour at a :15 midnight', async () => {
    const store = await openStore(tempDir());
    await store.activities.append([
      act({ id: 'a', at: at('2024-04-30T23:00:00Z') }), // Chatham 1 May 11:45
      act({ id: 'b', at: at('2024-05-01T00:30:00Z') }), // 1 May 13:15
      act({ id: 'c', at: at('2024-05-01T11:10:00Z') }), // 1 May 23:55
      act({ id: 'd', at: at('2024-05-01T11:20:00Z') }), // 2 May 00:05 — same UTC hour as c
      act({ id: 'e', at: at('2024-05-01T11:40:00Z'), type: 'file.download' }), // 2 May 00:25
    ]);
    expect(await store.activities.countsByLocalDay({}, 'Pacific/Chatham')).toEqual([
      { day: '2024-05-01', count: 3 },
      { day: '2024-05-02', count: 2 },
    ]);
    // The same activities in UTC days, and with a filter the split hour still honours.
    expect(await store.activities.countsByLocalDay({}, 'UTC')).toEqual([
      { day: '2024-04-30', count: 1 },
      { day: '2024-05-01', count: 4 },
    ]);
    expect(await store.activities.countsByLocalDay({ type: 'login.success' }, 'Pacific/Chatham')).toEqual([
      { day: '2024-05-01', count: 3 },
      { day: '2024-05-02', count: 1 },
    ]);
    // A window starting at Chatham's midnight of 2 May leaves out everything before it.
    expect(await store.activities.countsByLocalDay({ since: at('2024-05-01T11:15:00Z') }, 'Pacific/Chatham')).toEqual([
      { day: '2024-05-02', count: 2 },
    ]);
    await store.close();
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Pacific/Chatham')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDayFormatter('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(localDayFormatter('America/Los_Angeles')(at('2024-05-01T06:59:59Z'))).toBe('2024-04-30');
  });
});

describe('countsByCountry', () => {
  it('counts located activities per country code, largest first, honouring the filter', async () => {
    const store = await openStore(tempDir());
    const t = at('2024-05-01T08:00:00Z');
    await store.activities.append([
      act({ id: '1', at: t, country: 'NL' }),
      act({ id: '2', at: t + 1, country: 'NL' }),
      act({ id: '3', at: t + 2, country: 'SG', type: 'login.failure' }),
      act({ id: '4', at: t + 3, country: null, city: null, ip: null }),
    ]);
    expect(await store.activities.countsByCountry({})).toEqual([
      { country: 'NL', count: 2 },
      { country: 'SG', count: 1 },
    ]);
    expect(await store.activities.countsByCountry({ type: 'login.failure' })).toEqual([{ country: 'SG', count: 1 }]);
    expect(await store.activities.countsByCountry({ since: t + 10 })).toEqual([]);
    await store.close();
  });
});
