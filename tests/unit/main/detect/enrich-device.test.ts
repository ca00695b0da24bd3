import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDevice } from '../../../../main/detect/device';
import { createEnricher, openEnricher } from '../../../../main/detect/enrich';
import { ATTACKER_UAS, DESKTOP_UAS, MOBILE_UAS, SERVICE_UA } from '../../../../main/demo/catalog';
import { TOR_IP } from '../../../../main/demo/scenario';
import { openIpIntel } from '../../../../main/intel/open-ip-intel';
import { storeLayout } from '../../../../main/store/layout';
import { LowIpRangeStore } from '../../../../main/store/ip-range-store';
import { tempDir } from '../../../support/cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('device from the user agent', () => {
  it('browser, OS and type for real desktop, mobile and tablet user agents', () => {
    expect(parseDevice(DESKTOP_UAS[0])).toEqual({ browser: 'Chrome', os: 'Windows 10', type: 'desktop', app: null });
    expect(parseDevice(DESKTOP_UAS[1])).toMatchObject({ browser: 'Edge', type: 'desktop' });
    expect(parseDevice(DESKTOP_UAS[2])).toMatchObject({ browser: 'Firefox', type: 'desktop' });
    expect(parseDevice(DESKTOP_UAS[3])).toMatchObject({ browser: 'Safari', os: expect.stringMatching(/^Mac OS/) });
    expect(parseDevice(MOBILE_UAS[0])).toMatchObject({ browser: 'Mobile Safari', os: 'iOS 17.4.1', type: 'mobile' });
    expect(parseDevice(MOBILE_UAS[2])).toMatchObject({ browser: 'Chrome', os: 'Android 14', type: 'mobile' });
    expect(parseDevice(MOBILE_UAS[4])).toMatchObject({ type: 'tablet' });
  });

  it('names the Workplace apps', () => {
    const desktopApp = DESKTOP_UAS.find((u) => u.includes('Workplace/'))!;
    expect(parseDevice(desktopApp)).toMatchObject({ app: 'Workplace desktop app', type: 'desktop' });
    expect(
      parseDevice(
        'Mozilla/5.0 (Linux; Android 13; Pixel 7) [FBAN/FBWork;FBAV/440.0.0.24.109;FBDV/Pixel 7;FBSN/Android]',
      ),
    ).toMatchObject({ app: 'Workplace mobile app', type: 'mobile' });
    // The Facebook app's in-app browser is not Workplace.
    expect(parseDevice(MOBILE_UAS[1])!.app).toBeNull();
  });

  it('scripts, headless browsers and integrations are bots; garbage is unknown', () => {
    expect(parseDevice(ATTACKER_UAS.find((u) => u.startsWith('python-requests'))!)!.type).toBe('bot');
    expect(parseDevice(ATTACKER_UAS.find((u) => u.includes('HeadlessChrome'))!)!.type).toBe('bot');
    // An attacker's plain Firefox is a desktop browser like any other.
    expect(parseDevice(ATTACKER_UAS.find((u) => u.includes('Firefox/115'))!)!.type).toBe('desktop');
    expect(parseDevice(SERVICE_UA)!.type).toBe('bot');
    expect(parseDevice('???')).toEqual({ browser: null, os: null, type: 'unknown', app: null });
    expect(parseDevice(null)).toBeNull();
    expect(parseDevice('x'.repeat(100_000))!.type).toBe('unknown');
  });
});

describe('enrichment with IpIntel', () => {
  it('fills asn, asOrg, ipTags, device and details; without intel only device and details', async () => {
    const dir = tempDir('wg-enrich-');
    dirs.push(dir);
    const layout = storeLayout(dir);
    fs.mkdirSync(layout.root, { recursive: true });
    const ranges = await LowIpRangeStore.open(layout, async () => undefined);
    const intel = await openIpIntel({ dataDir: dir, ranges, listFixtures: true });
    await intel.ranges.add({ cidr: '8.8.8.0/24', category: 'Corporate', tags: ['egress'] });
    const enricher = await openEnricher(undefined, intel);
    try {
      const google = enricher.describe({
        ip: '8.8.8.8',
        userAgent: DESKTOP_UAS[0],
        extra: { file_name: 'Q3 forecast.xlsx' },
      });
      expect(google).toEqual({
        asn: 15169,
        asOrg: expect.stringMatching(/google/i),
        ipTags: ['corporate', 'tag:egress'],
        device: { browser: 'Chrome', os: 'Windows 10', type: 'desktop', app: null },
        details: { fileName: 'Q3 forecast.xlsx' },
      });
      expect(enricher.describe({ ip: TOR_IP, userAgent: null }).ipTags).toContain('tor');
      expect(enricher.describe({ ip: '1.1.1.1', userAgent: null }).ipTags).toEqual(['hosting']);
      // A range tagged now applies to the next event from that address, through both caches.
      await intel.ranges.add({ cidr: '1.1.1.0/24', category: 'risky' });
      expect(enricher.describe({ ip: '1.1.1.1', userAgent: null }).ipTags).toEqual(['hosting', 'risky']);
    } finally {
      enricher.close();
    }
    const bare = createEnricher(null);
    expect(bare.describe({ ip: '8.8.8.8', userAgent: MOBILE_UAS[0], extra: { reason: 'locked' } })).toEqual({
      asn: null,
      asOrg: null,
      ipTags: [],
      device: expect.objectContaining({ type: 'mobile' }),
      details: { failureReason: 'locked' },
    });
  });
});
