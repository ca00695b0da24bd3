// The admin's IP ranges (detections.md "IP categories") in one lowdb file, <dataDir>/store/ip-ranges.json.
// The store only keeps them; parsing, overlap refusal and matching are intel's (main/intel/ip-ranges.ts),
// which validates every range before it reaches add(). steno writes the file atomically.
import path from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import type { StoreLayout } from './layout';
import { openValidatedDoc } from './validated-doc';
import type { CorruptionReport } from './types';

export const StoredIpRangeSchema = z.strictObject({
  id: z.string().min(1).max(64),
  cidr: z.string().min(3).max(64),
  category: z.enum(['corporate', 'vpn', 'cloud', 'administrative', 'risky', 'anonymous']),
  name: z.string().max(200).nullable(),
  tags: z.array(z.string().min(1).max(64)).max(50),
  createdAt: z.number(),
});
export type StoredIpRange = z.infer<typeof StoredIpRangeSchema>;

const DocSchema = z.object({ v: z.literal(1), ranges: z.array(StoredIpRangeSchema).max(100_000) });
type Doc = z.infer<typeof DocSchema>;

export interface IpRangeStore {
  list(): StoredIpRange[];
  add(range: StoredIpRange): Promise<void>;
  /** Removes by id; returns the removed range, or null when there was none. */
  remove(id: string): Promise<StoredIpRange | null>;
  /** Bumped on every change. */
  readonly revision: number;
}

export class LowIpRangeStore implements IpRangeStore {
  private version = 0;
  private constructor(private readonly db: Low<Doc>) {}

  static file(layout: StoreLayout): string {
    return path.join(layout.root, 'ip-ranges.json');
  }

  static async open(layout: StoreLayout, report: (r: CorruptionReport) => Promise<void>): Promise<LowIpRangeStore> {
    const { db, damaged } = await openValidatedDoc<Doc>({
      layout,
      file: LowIpRangeStore.file(layout),
      schema: DocSchema,
      empty: () => ({ v: 1, ranges: [] }),
      what: 'The IP ranges file (your Corporate, VPN, Risky… ranges)',
      consequence: 'No ranges apply until you add them again or recover them from the quarantined file.',
    });
    if (damaged) await report(damaged);
    return new LowIpRangeStore(db);
  }

  get revision(): number {
    return this.version;
  }

  list(): StoredIpRange[] {
    return structuredClone(this.db.data.ranges);
  }

  async add(range: StoredIpRange): Promise<void> {
    const valid = StoredIpRangeSchema.parse(range);
    if (this.db.data.ranges.some((r) => r.id === valid.id)) throw new Error(`A range with id ${valid.id} exists`);
    this.db.data.ranges.push(valid);
    this.version++;
    await this.db.write();
  }

  async remove(id: string): Promise<StoredIpRange | null> {
    const at = this.db.data.ranges.findIndex((r) => r.id === id);
    if (at < 0) return null;
    const [removed] = this.db.data.ranges.splice(at, 1);
    this.version++;
    await this.db.write();
    return removed;
  }
}
