// The demo's people live on ordinary access networks: every /24 a home city offers (weight > 0)
// is placed in that city by the bundled DB-IP data and is not, by the bundled ASN data and the
// curated list, a hosting, VPN, private-relay, satellite or mobile network — which detection
// treats as placeless, so a "home" there would hide the travel the scenario injects. (Warsaw's
// 37.7.x /24s were AWS.) Hosts are checked across each /24, as the generator picks .2–.253.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIES } from '../../../../main/demo/geo-data';
import { openAsnTable, type AsnTable } from '../../../../main/intel/asn-table';
import { openGeolocation, type Geolocation } from '../../../../main/intel/geolocation';
import { networkKind } from '../../../../main/intel/network-kind';

const HOSTS = [2, 64, 128, 200, 253];
let asn: AsnTable;
let geo: Geolocation;
beforeAll(async () => {
  asn = await openAsnTable();
  geo = await openGeolocation();
}, 60_000);
afterAll(() => geo?.close());

describe('demo home networks', () => {
  it('no home city offers a network the ASN data calls hosting, VPN, relay, satellite or mobile', () => {
    const placeless: string[] = [];
    for (const city of CITIES.filter((c) => c.weight > 0)) {
      for (const prefix of city.v4) {
        for (const h of HOSTS) {
          const as = asn.lookup(`${prefix}.${h}`);
          const kind = as ? networkKind(as.asn, as.org) : null;
          if (kind) placeless.push(`${city.key} ${prefix}.${h}: AS${as!.asn} ${as!.org} (${kind})`);
        }
      }
    }
    expect(placeless).toEqual([]);
  });

  it('Warsaw’s networks are Polish ISPs that DB-IP places in Warsaw', () => {
    const warsaw = CITIES.find((c) => c.key === 'warsaw')!;
    for (const prefix of warsaw.v4) {
      // The generator re-checks every host it picks, so a /24 needs most of its hosts in Warsaw.
      const inWarsaw = HOSTS.filter((h) => {
        const g = geo.lookup(`${prefix}.${h}`);
        return g?.country === 'PL' && !!g.city?.startsWith('Warsaw');
      });
      expect(inWarsaw.length, prefix).toBeGreaterThanOrEqual(3);
      expect(asn.lookup(`${prefix}.${inWarsaw[0]}`)?.org, prefix).toBeTruthy();
    }
    expect(warsaw.v4.some((p) => p.startsWith('37.7.'))).toBe(false);
  });
});
