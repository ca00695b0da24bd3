// Parsers for the public IP lists of ip-intel.md. A response is untrusted input: each parser
// accepts only its format, counts what it had to skip, and refuses a body that is mostly not
// addresses (an HTML error page served with 200, a truncated download) so the previous good
// copy is kept rather than replaced by nothing.
import { isSpecialRange, parseCidr, type CidrRange } from './ip-address';

export type ListFormat = 'ip-lines' | 'netset' | 'spamhaus-json';

export interface ParsedList {
  ranges: CidrRange[];
  /** Lines that were not entries of the format (tolerated up to a small share). */
  skipped: number;
  /** Private / reserved ranges dropped on purpose (FireHOL level 1 lists the bogons). */
  dropped: number;
}

export const MAX_LIST_ENTRIES = 500_000;

export class ListFormatError extends Error {}

function entryOrNull(text: string): CidrRange | null {
  try {
    return parseCidr(text);
  } catch {
    return null;
  }
}

/** `ip-lines` (Tor bulk exit list, Feodo): one address per line; `netset` (FireHOL): CIDR or address per line. */
function parseLines(body: string, format: ListFormat): { entries: string[]; skipped: number } {
  const entries: string[] = [];
  let skipped = 0;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#') || line.startsWith(';')) continue;
    if (format === 'spamhaus-json') {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        skipped++;
        continue;
      }
      const rec = obj as Record<string, unknown> | null;
      if (rec && typeof rec === 'object' && rec.type === 'metadata') continue;
      if (rec && typeof rec === 'object' && typeof rec.cidr === 'string') entries.push(rec.cidr);
      else skipped++;
      continue;
    }
    // Feodo and some mirrors append comments after the address.
    entries.push(line.split(/[\s;#]/)[0]);
  }
  return { entries, skipped };
}

export function parseList(body: string, format: ListFormat): ParsedList {
  const { entries, skipped: unreadable } = parseLines(body, format);
  const ranges: CidrRange[] = [];
  let skipped = unreadable;
  let dropped = 0;
  for (const text of entries) {
    // ip-lines lists hold single addresses only; a CIDR there means the body is something else.
    const r = format === 'ip-lines' && text.includes('/') ? null : entryOrNull(text);
    if (!r) {
      skipped++;
      continue;
    }
    if (format === 'netset' && isSpecialRange(r)) {
      dropped++;
      continue;
    }
    ranges.push(r);
    if (ranges.length > MAX_LIST_ENTRIES) {
      throw new ListFormatError(`more than ${MAX_LIST_ENTRIES.toLocaleString('en')} entries; refusing the list`);
    }
  }
  const total = ranges.length + skipped + dropped;
  if (ranges.length === 0 && dropped === 0) {
    throw new ListFormatError(total === 0 ? 'the list is empty' : `none of its ${total} lines is an address or range`);
  }
  if (skipped > Math.max(3, total * 0.01)) {
    throw new ListFormatError(`${skipped} of ${total} lines are not addresses or ranges; the format may have changed`);
  }
  return { ranges, skipped, dropped };
}
