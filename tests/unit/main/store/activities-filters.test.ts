// The store's filters beyond the basics (main/store/query.ts, ip-query.ts): several types at
// once, IP prefix and CIDR, people resolved by the facade, tests over distinct IPs and user agents.
// Every answer is held against a brute-force filter over the same activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { ipMatcher, ipv4Number } from '../../../../main/store/ip-query';
import type { StoreActivityFilter } from '../../../../main/store/query';
import type { Store, StoredActivity } from '../../../../main/store/types';
import { T0, act, tempDir } from './fixtures';

const IPS = ['10.1.2.3', '10.1.20.4', '10.2.0.1', '2001:db8::7', '2001:db9::1'];
const UAS = ['UA-alpha', 'UA-beta', 'UA-gamma'];
const ACTORS = ['100', '1000', 'ann@x.example', 'annabel@x.example'];
const TYPES = ['login.success', 'login.failure', 'mfa.enable', 'file.upload'];

const data: StoredActivity[] = Array.from({ length: 300 }, (_, i) =>
  act({
    id: `f-${String(i).padStart(3, '0')}`,
    at: T0 + i * 11 * 60_000,
    type: TYPES[i % 4],
    actor: ACTORS[i % 4],
    ip: IPS[i % 5],
    userAgent: UAS[i % 3],
  }),
);
const newestFirst = [...data].sort((a, b) => b.at - a.at);
const brute = (keep: (a: StoredActivity) => boolean) => newestFirst.filter(keep).map((a) => a.id);

let store: Store;
beforeAll(async () => {
  store = await openStore(tempDir());
  await store.activities.append(data);
});
afterAll(async () => {
  await store.close();
});

async function ids(filter: StoreActivityFilter): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.activities.query(filter, cursor, 23);
    out.push(...page.items.map((a) => a.id));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('store filters', () => {
  it('keeps a bare user filter exact (detection asks per user) and matches by prefix only when asked', async () => {
    expect(await ids({ user: '100' })).toEqual(brute((a) => a.actor === '100'));
    expect(await ids({ user: '100', personPrefix: true })).toEqual(brute((a) => a.actor!.startsWith('100')));
    expect(await ids({ user: 'ann', personPrefix: true })).toEqual(brute((a) => a.actor!.startsWith('ann')));
    // A bare username still means that user's email, not every email starting with it.
    expect(await ids({ user: 'ann' })).toEqual(brute((a) => a.actor === 'ann@x.example'));
  });

  it('adds the people the facade resolved for a name', async () => {
    expect(await ids({ user: 'Annabel Lee', people: ['annabel@x.example', '1000'] })).toEqual(
      brute((a) => a.actor === 'annabel@x.example' || a.actor === '1000'),
    );
  });

  it('matches any of several types, and a family by its prefix', async () => {
    expect(await ids({ types: ['login', 'mfa.enable'] })).toEqual(brute((a) => a.type !== 'file.upload'));
    expect(await ids({ types: ['login.failure'], type: 'file' })).toEqual(
      brute((a) => a.type === 'login.failure' || a.type === 'file.upload'),
    );
    expect(await ids({ types: ['nothing.like.this'] })).toEqual([]);
  });

  it('matches IPs exactly, by prefix at octet boundaries, and by CIDR (v4 and v6)', async () => {
    expect(await ids({ ip: '10.1.2.3' })).toEqual(brute((a) => a.ip === '10.1.2.3'));
    expect(await ids({ ip: '10.1.2' })).toEqual(brute((a) => a.ip === '10.1.2.3'));
    expect(await ids({ ip: '10.1.' })).toEqual(brute((a) => a.ip!.startsWith('10.1.')));
    expect(await ids({ ip: '10.0.0.0/15' })).toEqual(brute((a) => /^10\.[01]\./.test(a.ip!)));
    expect(await ids({ ip: '10.1.16.0/20' })).toEqual(brute((a) => a.ip === '10.1.20.4'));
    expect(await ids({ ip: '2001:db8::/32' })).toEqual(brute((a) => a.ip === '2001:db8::7'));
    expect(await ids({ ip: '2001:0DB8:0:0::7' })).toEqual(brute((a) => a.ip === '2001:db8::7'));
  });

  it('applies the facade’s tests over distinct IPs and user agents, recomputed when their key changes', async () => {
    let allowed = new Set(['10.2.0.1']);
    const ipTest = (key: string) => ({ key, test: (ip: string) => allowed.has(ip) });
    expect(await ids({ ipTest: ipTest('v1') })).toEqual(brute((a) => a.ip === '10.2.0.1'));
    allowed = new Set(['10.2.0.1', '10.1.2.3']);
    // Same key: the cached answer stands (the key is the facade's promise that answers did not change).
    expect(await ids({ ipTest: ipTest('v1') })).toEqual(brute((a) => a.ip === '10.2.0.1'));
    expect(await ids({ ipTest: ipTest('v2') })).toEqual(brute((a) => allowed.has(a.ip!)));
    expect(await ids({ ipTest: ipTest('v2'), ip: '10.1.' })).toEqual(brute((a) => a.ip === '10.1.2.3'));
    const ua = { key: 'beta', test: (v: string) => v.endsWith('beta') };
    expect(await ids({ userAgentTest: ua, types: ['login'] })).toEqual(
      brute((a) => a.userAgent === 'UA-beta' && a.type.startsWith('login.')),
    );
    const byAgent: StoreActivityFilter = { userAgentTest: ua };
    const days = await store.activities.countsByDay(byAgent);
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(brute((a) => a.userAgent === 'UA-beta').length);
  });

  it('finds sign-ins from a country new to their user, the first sign-in excluded, as history grows', async () => {
    const at = (h: number) => T0 + 400 * 11 * 60_000 + h * 3_600_000;
    const trip = [
      act({ id: 'nc-1', at: at(0), actor: 'nc@x.example', country: 'FR' }),
      act({ id: 'nc-2', at: at(1), actor: 'nc@x.example', country: 'FR' }),
      act({ id: 'nc-3', at: at(30), actor: 'nc@x.example', country: 'DE' }),
      act({ id: 'nc-4', at: at(31), actor: 'nc@x.example', country: 'DE' }),
      act({ id: 'nc-5', at: at(32), actor: 'nc@x.example', country: 'JP', type: 'login.failure' }),
      act({ id: 'nc-6', at: at(40), actor: 'nc@x.example', country: 'FR' }),
      act({ id: 'nc-7', at: at(41), actor: 'other@x.example', country: 'US' }),
    ];
    await store.activities.append(trip);
    expect(await ids({ newCountry: true, user: 'nc@x.example' })).toEqual(['nc-3']);
    // Everyone else in this store signed in from France only: nothing is new for them.
    expect(await ids({ newCountry: true })).toEqual(['nc-3']);
    await store.activities.append([act({ id: 'nc-8', at: at(50), actor: 'nc@x.example', country: 'JP' })]);
    expect(await ids({ newCountry: true })).toEqual(['nc-8', 'nc-3']);
    const days = await store.activities.countsByDay({ newCountry: true });
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(2);
  });

  it('refuses ASN, category and device filters that arrive without their tests', async () => {
    await expect(ids({ asn: 15169 })).rejects.toMatchObject({ code: 'unsupported' });
    await expect(ids({ device: 'mobile' })).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('ipMatcher', () => {
  it('names what it understood', () => {
    expect(ipMatcher('203.0.113.7').kind).toBe('exact');
    expect(ipMatcher('203.0.113').kind).toBe('prefix');
    expect(ipMatcher('2001:db8:').kind).toBe('prefix');
    expect(ipMatcher('203.0.113.0/24').kind).toBe('cidr');
    expect(ipMatcher('::ffff:203.0.113.7').test('203.0.113.7')).toBe(true);
    expect(ipMatcher('203.0.113').test('203.0.1130.1')).toBe(false);
  });
  it('turns an IPv4 range into numbers, so the dictionary is matched without parsing addresses', () => {
    expect(ipv4Number('10.1.2.3')).toBe(((10 * 256 + 1) * 256 + 2) * 256 + 3);
    expect(ipv4Number('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['1.2.3', '256.1.1.1', '1.2.3.4.5', '1..2.3', '::1', '1.2.3.x'])
      expect(ipv4Number(bad), bad).toBe(-1);
    expect(ipMatcher('10.1.17.9/20').v4Range).toEqual([ipv4Number('10.1.16.0'), ipv4Number('10.1.31.255')]);
    expect(ipMatcher('2001:db8::/32').v4Range).toBeUndefined();
  });
  it('explains input that is none of them', () => {
    for (const bad of ['hello', '300.1.2.3/8', '10.0.0.0/33', 'fe80::zz'])
      expect(() => ipMatcher(bad), bad).toThrow(/not an IP address|not a CIDR range/);
  });
});
