// Issue 9 req 1: the admin sets each list's URL (https, or http on this machine only), opts in to
// a scheduled daily refresh on top of online refresh, and sees the last refresh, staleness and
// the next scheduled refresh through the contract (intel.lists). Against a local HTTP server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intelApi } from '../../../../main/console/intel-ops';
import { openIpLists, type IpLists } from '../../../../main/intel/ip-lists';
import { listsDue, startListRefreshSchedule } from '../../../../main/intel/list-refresh-schedule';
import { listUrlProblem } from '../../../../main/intel/list-url';
import { parseAddress } from '../../../../main/intel/ip-address';
import { intelOperations } from '../../../../preload/contract/intel';
import { tempDir } from '../../../support/cli';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 5, 1, 8);

let hits: string[] = [];
let torBody = '185.220.101.33\n';
let failing = false;
let server: http.Server;
let base: string;
const BODIES: Record<string, () => string> = {
  '/tor': () => torBody,
  '/firehol': () => '45.141.84.0/24\n',
  '/drop4': () => '{"cidr":"193.142.146.0/24","sblid":"SBL1","rir":"ripencc"}\n',
  '/drop6': () => '{"cidr":"2a06:5280::/29","sblid":"SBL2","rir":"ripencc"}\n',
  '/feodo': () => '141.98.10.61\n',
};
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const body = BODIES[req.url ?? ''];
    if (!body || failing) res.writeHead(failing ? 503 : 404).end('no');
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function listsOnServer(): Promise<IpLists> {
  const lists = await openIpLists({ dataDir: tempDir('wg-list-schedule-') });
  const api = intelApi(lists, () => T0);
  await api.setListSettings({
    urls: {
      tor: [`${base}/tor`],
      'firehol-level1': [`${base}/firehol`],
      'spamhaus-drop': [`${base}/drop4`, `${base}/drop6`],
      feodo: [`${base}/feodo`],
    },
  });
  return lists;
}

describe('list URLs', () => {
  it('https anywhere, http only on loopback, never credentials', () => {
    expect(listUrlProblem('https://iplists.firehol.org/files/firehol_level1.netset')).toBeNull();
    expect(listUrlProblem('http://127.0.0.1:8080/tor')).toBeNull();
    expect(listUrlProblem('http://[::1]:8080/tor')).toBeNull();
    expect(listUrlProblem('http://localhost/tor')).toBeNull();
    expect(listUrlProblem('http://mirror.example/tor')).toMatch(/plain http is only allowed on this machine/);
    expect(listUrlProblem('http://10.0.0.5/tor')).toMatch(/plain http/);
    expect(listUrlProblem('https://user:pw@mirror.example/tor')).toMatch(/user name or password/);
    expect(listUrlProblem('ftp://mirror.example/tor')).toMatch(/cannot be fetched/);
    expect(listUrlProblem('not a url')).toMatch(/is not a URL/);
  });

  it('a bad URL through the contract is refused whole: no list changes', async () => {
    const lists = await listsOnServer();
    const api = intelApi(lists, () => T0);
    const before = (await api.lists(undefined)).lists.map((l) => l.urls);
    await expect(
      api.setListSettings({
        urls: { feodo: ['https://feodo.mirror.example/list.txt'], tor: ['http://tor.example/x'] },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^tor: .*plain http/) });
    await expect(api.setListSettings({ urls: { nope: [`${base}/tor`] } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await api.lists(undefined)).lists.map((l) => l.urls)).toEqual(before);
    // The contract bounds the input before main sees it.
    expect(intelOperations.setListSettings.input.safeParse({ urls: { tor: [] } }).success).toBe(false);
    expect(intelOperations.setListSettings.input.safeParse({ schedule: 'hourly' }).success).toBe(false);
  });

  it('a custom URL can be put back to the publisher’s', async () => {
    const lists = await listsOnServer();
    const api = intelApi(lists, () => T0);
    const view = await api.setListSettings({ urls: { tor: null } });
    const tor = view.lists.find((l) => l.id === 'tor')!;
    expect(tor).toMatchObject({ customUrls: false, urls: ['https://check.torproject.org/torbulkexitlist'] });
    expect(intelOperations.lists.output.parse(view)).toEqual(view);
  });
});

describe('scheduled refresh (opt-in, daily)', () => {
  it('nothing is due without online refresh and a schedule; then every list once a day', async () => {
    const lists = await listsOnServer();
    const api = intelApi(lists, () => T0);
    expect(listsDue(lists.status(T0), lists.settings(), T0)).toEqual([]);
    await api.setListSettings({ schedule: 'daily' });
    expect(listsDue(lists.status(T0), lists.settings(), T0)).toEqual([]); // online still off
    const on = await api.setListSettings({ online: true });
    expect(on).toMatchObject({ online: true, schedule: 'daily' });
    expect(on.lists.every((l) => l.nextRefreshAt === T0 && l.stale)).toBe(true);
    expect(listsDue(lists.status(T0), lists.settings(), T0)).toEqual([
      'tor',
      'firehol-level1',
      'spamhaus-drop',
      'feodo',
    ]);
  });

  it('the schedule refreshes what is due from the local server, and reports it through intel.lists', async () => {
    const lists = await listsOnServer();
    let now = T0;
    await intelApi(lists, () => now).setListSettings({ online: true, schedule: 'daily' });
    const schedule = startListRefreshSchedule({ lists, now: () => now, firstCheckAfterMs: 3_600_000 });
    try {
      hits = [];
      const first = await schedule.check();
      expect(first.map((r) => [r.id, r.outcome])).toEqual([
        ['tor', 'refreshed'],
        ['firehol-level1', 'refreshed'],
        ['spamhaus-drop', 'refreshed'],
        ['feodo', 'refreshed'],
      ]);
      expect(hits.sort()).toEqual(['/drop4', '/drop6', '/feodo', '/firehol', '/tor']);
      expect(lists.match(parseAddress('185.220.101.33')!).map((m) => m.id)).toEqual(['tor']);

      // Twelve hours on: nothing due, nothing fetched; the contract shows age and the next refresh.
      now = T0 + 12 * HOUR;
      hits = [];
      expect(await schedule.check()).toEqual([]);
      expect(hits).toEqual([]);
      const view = await intelApi(lists, () => now).lists(undefined);
      expect(intelOperations.lists.output.parse(view)).toEqual(view);
      const tor = view.lists.find((l) => l.id === 'tor')!;
      expect(tor).toMatchObject({
        source: 'online',
        updatedAt: T0,
        ageMs: 12 * HOUR,
        stale: false,
        nextRefreshAt: T0 + DAY,
        customUrls: true,
      });

      // A day on: refreshed again with the publisher's new entries.
      now = T0 + DAY;
      torBody = '185.220.101.99\n';
      expect((await schedule.check()).every((r) => r.outcome === 'refreshed')).toBe(true);
      expect(lists.match(parseAddress('185.220.101.99')!).map((m) => m.id)).toEqual(['tor']);
      expect(lists.match(parseAddress('185.220.101.33')!)).toEqual([]);
    } finally {
      schedule.stop();
      torBody = '185.220.101.33\n';
    }
  });

  it('a failed scheduled refresh keeps the copy, says why, and is retried after an hour, not a day', async () => {
    const lists = await listsOnServer();
    let now = T0;
    await intelApi(lists, () => now).setListSettings({ online: true, schedule: 'daily' });
    const schedule = startListRefreshSchedule({ lists, now: () => now, firstCheckAfterMs: 3_600_000 });
    try {
      await schedule.check();
      now = T0 + DAY;
      failing = true;
      const failed = await schedule.check();
      expect(failed.every((r) => r.outcome === 'failed')).toBe(true);
      const view = await intelApi(lists, () => now).lists(undefined);
      const tor = view.lists.find((l) => l.id === 'tor')!;
      expect(tor.lastError).toMatch(/HTTP 503/);
      expect(tor).toMatchObject({ updatedAt: T0, entries: 1, nextRefreshAt: T0 + DAY + HOUR });
      failing = false;
      now = T0 + DAY + HOUR;
      expect((await schedule.check()).every((r) => r.outcome === 'refreshed')).toBe(true);
    } finally {
      schedule.stop();
      failing = false;
    }
  });

  it('a manual refresh through the contract needs online refresh on', async () => {
    const lists = await listsOnServer();
    const api = intelApi(lists, () => T0);
    await expect(api.refreshLists({})).rejects.toMatchObject({ code: 'refused' });
    await api.setListSettings({ online: true });
    const answer = await api.refreshLists({ ids: ['feodo'] });
    expect(intelOperations.refreshLists.output.parse(answer)).toEqual(answer);
    expect(answer.results).toEqual([expect.objectContaining({ id: 'feodo', outcome: 'refreshed', entries: 1 })]);
  });
});

describe('through a running console', () => {
  it('intel.lists and intel.setListSettings answer over dispatch, checked against the contract', async () => {
    const { openConsole } = await import('../../../../main/console/open-console');
    const { dispatch } = await import('../../../../main/console/dispatch');
    const running = await openConsole({ shell: 'browser', dataDir: tempDir('wg-intel-contract-') });
    try {
      const set = await dispatch(running.api, 'intel.setListSettings', {
        online: true,
        schedule: 'daily',
        urls: { tor: [`${base}/tor`] },
      });
      expect(set, JSON.stringify(set)).toMatchObject({ ok: true, value: { online: true, schedule: 'daily' } });
      const refused = await dispatch(running.api, 'intel.setListSettings', { urls: { tor: ['http://x.example/t'] } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      const view = await dispatch(running.api, 'intel.lists', undefined);
      expect(view.ok).toBe(true);
      const tor = (view as { value: { lists: { id: string; urls: string[]; customUrls: boolean }[] } }).value.lists[0];
      expect(tor).toMatchObject({ id: 'tor', urls: [`${base}/tor`], customUrls: true });
    } finally {
      await running.close();
    }
  });
});
