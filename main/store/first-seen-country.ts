// Sign-ins from a new country: a successful sign-in from a country its user had never signed in
// from before, the user's very first sign-in excluded (every country is new to it). Worked out
// from the index columns alone in one pass over the history, oldest first, and kept until the
// history changes (rows only ever grow, so the row count is the version).
import { KIND, type Dictionary } from './dictionary';
import { COLS, FLAG_SHADOWED, type PartitionIndex } from './partition-index';

export const SIGN_IN_TYPE = 'login.success';

export interface FirstSeenCountries {
  /** Rows in this set (by partition hour, then row) are sign-ins from a new country. */
  has(p: PartitionIndex, row: number): boolean;
  readonly version: string;
}

/** `partitions` newest hour first, as the store keeps them. */
export function firstSeenCountries(dict: Dictionary, partitions: readonly PartitionIndex[]): FirstSeenCountries {
  const version = historyVersion(partitions);
  const signIn = dict.idsIgnoringCase(KIND.type, SIGN_IN_TYPE);
  const isSignIn = new Set(signIn);
  const countries = dict.size(KIND.country) + 1;
  const firstOfPerson = new Set<number>();
  const seenPair = new Set<number>();
  const hits = new Map<PartitionIndex, Set<number>>();
  for (let k = partitions.length - 1; k >= 0; k--) {
    const p = partitions[k];
    const type = p.cols[COLS.type];
    const actor = p.cols[COLS.actor];
    const country = p.cols[COLS.country];
    // Rows are newest first within a partition: walk them backwards for oldest first.
    for (let r = p.n - 1; r >= 0; r--) {
      if (p.flags[r] & FLAG_SHADOWED || !isSignIn.has(type[r]) || actor[r] === 0) continue;
      const person = actor[r];
      const pair = person * countries + country[r];
      if (!firstOfPerson.has(person)) {
        firstOfPerson.add(person);
        seenPair.add(pair);
        continue;
      }
      if (country[r] === 0 || seenPair.has(pair)) continue;
      seenPair.add(pair);
      let rows = hits.get(p);
      if (!rows) hits.set(p, (rows = new Set()));
      rows.add(r);
    }
  }
  return { version, has: (p, row) => hits.get(p)?.has(row) ?? false };
}

export function historyVersion(partitions: readonly PartitionIndex[]): string {
  let rows = 0;
  for (const p of partitions) rows += p.n;
  return `${partitions.length}:${rows}:${partitions[0]?.header.gen ?? ''}`;
}
