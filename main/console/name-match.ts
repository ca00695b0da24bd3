// Finding people by a name as an admin types it: every word of the query must start a word of
// the name, or be that word with a slip (one edit for short words, two for long ones), so
// "ann smi", "Anne Smith" and "ann smtih" all find Ann Smith.

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function words(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

function slips(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

function wordMatches(q: string, name: string): boolean {
  if (name.startsWith(q)) return true;
  const max = slips(q);
  if (max === 0) return false;
  // A typo in a word typed so far: compare with the name's word cut to about the same length.
  const cut = name.slice(0, q.length + max);
  return editDistance(q, name, max) <= max || editDistance(q, cut.slice(0, q.length), max) <= max;
}

/** Whether the typed `query` names the person called `name`. */
export function nameMatches(query: string, name: string): boolean {
  const qs = words(query);
  if (qs.length === 0) return false;
  const ns = words(name);
  const used = new Set<number>();
  for (const q of qs) {
    const at = ns.findIndex((n, i) => !used.has(i) && wordMatches(q, n));
    if (at < 0) return false;
    used.add(at);
  }
  return true;
}
