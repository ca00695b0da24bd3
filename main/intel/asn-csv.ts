// Reading ip-location-db's ASN CSVs (`start,end,asn,org`, numeric address columns). The org is
// RFC 4180 quoted when it holds a comma or a quote ("LLC ""SPUTNIK"""), so a plain split is wrong.

export interface AsnCsvRow {
  start: string;
  end: string;
  asn: number;
  org: string;
}

/** One data line, or null when it is not one (a header, a blank or damaged line). */
export function parseAsnCsvLine(line: string): AsnCsvRow | null {
  const c1 = line.indexOf(',');
  const c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
  const c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
  if (c3 < 0) return null;
  const asn = Number(line.slice(c2 + 1, c3));
  if (!Number.isInteger(asn) || asn < 0 || asn > 0xffffffff) return null;
  let org = line.slice(c3 + 1).replace(/\r$/, '');
  if (org.startsWith('"')) {
    if (!org.endsWith('"') || org.length < 2) return null;
    org = org.slice(1, -1).replace(/""/g, '"');
  }
  return { start: line.slice(0, c1), end: line.slice(c1 + 1, c2), asn, org: org.slice(0, 200) };
}

/** A decimal IPv6 number (as in asn-ipv6-num.csv) → four 32-bit words; null when out of range. */
export function decimalToV6Words(text: string): Uint32Array | null {
  if (!/^\d{1,39}$/.test(text)) return null;
  // One BigInt and one hex rendering per number: far cheaper than four shifts and masks.
  const hex = BigInt(text).toString(16);
  if (hex.length > 32) return null;
  const full = hex.padStart(32, '0');
  const w = new Uint32Array(4);
  for (let k = 0; k < 4; k++) w[k] = parseInt(full.slice(k * 8, k * 8 + 8), 16);
  return w;
}
