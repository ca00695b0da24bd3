// The admin's IP ranges: CIDR v4/v6 parsed by ipaddr.js, one category each, free tags, an
// optional name. Ranges never overlap — a second range over the same addresses is refused,
// naming the one already there — so an address belongs to at most one range and matching is a
// bisection over sorted starts. Persisted by the store (main/store/ip-range-store.ts).
import { randomBytes } from 'node:crypto';
import type { IpRangeStore } from '../store/ip-range-store';
import type { IpCategory, IpRange } from './ip-facts';
import { compareV6, parseCidr, type AddressKey, type CidrRange } from './ip-address';
import { buildRangeIndex, findV4, findV6, floorV4, floorV6, type RangeIndex } from './range-index';

export const CATEGORY_NAMES: Record<IpCategory, string> = {
  corporate: 'Corporate',
  vpn: 'VPN',
  cloud: 'Cloud provider',
  administrative: 'Administrative',
  risky: 'Risky',
  anonymous: 'Anonymous',
};

const CATEGORY_BY_TEXT = new Map<string, IpCategory>();
for (const [id, name] of Object.entries(CATEGORY_NAMES) as [IpCategory, string][]) {
  CATEGORY_BY_TEXT.set(id, id);
  CATEGORY_BY_TEXT.set(name.toLowerCase().replace(/[\s_-]+/g, ' '), id);
}
CATEGORY_BY_TEXT.set('cloudprovider', 'cloud');
CATEGORY_BY_TEXT.set('admin', 'administrative');

/** A user error about a range: the message is shown as is. */
export class IpRangeError extends Error {}

/** `vpn`, `VPN`, `Vpn`, `Cloud provider`, `cloud-provider` → the category id. */
export function parseCategory(text: string): IpCategory {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  const found = CATEGORY_BY_TEXT.get(key);
  if (!found) {
    throw new IpRangeError(
      `Unknown category "${text}". Categories: ${Object.values(CATEGORY_NAMES).join(', ')} (any letter case)`,
    );
  }
  return found;
}

function cleanTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    if (t.length === 0) continue;
    if (t.length > 64 || /[\p{Cc},]/u.test(t)) {
      throw new IpRangeError(`Tag "${t.slice(0, 40)}" is not allowed: at most 64 characters, no commas`);
    }
    if (!out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  if (out.length > 50) throw new IpRangeError('At most 50 tags per range');
  return out;
}

export interface NewIpRange {
  cidr: string;
  category: string;
  tags?: string[];
  name?: string | null;
}

interface Packed {
  index: RangeIndex;
  ranges: IpRange[];
}

export class IpRanges {
  private packed: Packed;
  private version = 0;

  constructor(private readonly store: IpRangeStore) {
    this.packed = this.pack();
  }

  /** Bumped on every change, so cached facts are dropped. */
  get revision(): number {
    return this.version;
  }

  list(): IpRange[] {
    return this.packed.ranges.map((r) => ({ ...r, tags: [...r.tags] }));
  }

  private pack(): Packed {
    const ranges = this.store.list() as IpRange[];
    const v4: { start: number; end: number; value: number }[] = [];
    const v6: { start: Uint32Array; end: Uint32Array; value: number }[] = [];
    ranges.forEach((r, i) => {
      const c = parseCidr(r.cidr);
      if (c.family === 4) v4.push({ start: c.v4![0], end: c.v4![1], value: i });
      else v6.push({ start: c.v6![0], end: c.v6![1], value: i });
    });
    // Stored ranges were checked for overlap when added; 'clip' keeps bisection sound regardless.
    return { index: buildRangeIndex(v4, v6, 'clip'), ranges };
  }

  /** The existing range sharing any address with `c`, or null. */
  overlapping(c: CidrRange): IpRange | null {
    const { index, ranges } = this.packed;
    if (c.family === 4) {
      const [start, end] = c.v4!;
      const at = floorV4(index, end);
      return at >= 0 && index.v4End[at] >= start ? ranges[index.v4Value[at]] : null;
    }
    const [start, end] = c.v6!;
    const at = floorV6(index, end);
    return at >= 0 && compareV6(index.v6End, at * 4, start, 0) >= 0 ? ranges[index.v6Value[at]] : null;
  }

  async add(input: NewIpRange, now = Date.now()): Promise<IpRange> {
    let c: CidrRange;
    try {
      c = parseCidr(input.cidr);
    } catch (err) {
      throw new IpRangeError((err as Error).message);
    }
    const category = parseCategory(input.category);
    const tags = cleanTags(input.tags ?? []);
    const name = input.name?.trim() ? input.name.trim().slice(0, 200) : null;
    const clash = this.overlapping(c);
    if (clash) {
      const label = clash.name ? `"${clash.name}" ` : '';
      throw new IpRangeError(
        `${c.cidr} overlaps the existing range ${label}${clash.cidr} ` +
          `(${CATEGORY_NAMES[clash.category]}, id ${clash.id}). ` +
          'Ranges cannot overlap: remove or narrow that one first.',
      );
    }
    const range: IpRange = {
      id: `r_${randomBytes(5).toString('hex')}`,
      cidr: c.cidr,
      category,
      name,
      tags,
      createdAt: now,
    };
    await this.store.add(range);
    this.packed = this.pack();
    this.version++;
    return range;
  }

  /** Removes by id or by CIDR (any spelling of the same network). */
  async remove(idOrCidr: string): Promise<IpRange> {
    const text = idOrCidr.trim();
    let target = this.packed.ranges.find((r) => r.id === text);
    if (!target) {
      let cidr: string | null = null;
      try {
        cidr = parseCidr(text).cidr;
      } catch {
        // Neither an id nor a range: reported below.
      }
      target = cidr ? this.packed.ranges.find((r) => r.cidr === cidr) : undefined;
    }
    if (!target) throw new IpRangeError(`No range with id or CIDR "${text}". List them with: ip-ranges list`);
    await this.store.remove(target.id);
    this.packed = this.pack();
    this.version++;
    return target;
  }

  match(key: AddressKey): IpRange | null {
    const { index, ranges } = this.packed;
    const at = key.family === 4 ? findV4(index, key.v4) : findV6(index, key.v6);
    if (at < 0) return null;
    return ranges[key.family === 4 ? index.v4Value[at] : index.v6Value[at]];
  }
}
