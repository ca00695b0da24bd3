// The summaries' word index answers exactly what a byte search of the summaries answers: on random
// summaries (spaces runs, non-ASCII, words inside words), for needles with and without spaces,
// after more partitions arrive, and with the index off, warming or full. And through the store:
// a text filter's count equals the rows its pages return and a brute-force search of the stored
// activities, before and after appends.
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { decodeIndex, encodeIndex, summaryText, type RowData } from '../../../../main/store/partition-index';
import { SummaryTokens, WARM_QUIET_MS, searchSummaries } from '../../../../main/store/summary-tokens';
import type { StoredActivity } from '../../../../main/store/types';
import { rng } from '../../../bench/store';
import { HOUR, T0, act, tempDir } from './fixtures';

const WORDS = ['grace', 'Gracefully', 'race', 'login', 'failed', 'from', 'Köln', 'münchen', 'a', 'ab', '📎', 'x.y@z'];

function randomSummary(rand: () => number): string {
  const n = Math.floor(rand() * 7);
  let s = rand() < 0.2 ? ' ' : '';
  for (let i = 0; i < n; i++) {
    s += WORDS[Math.floor(rand() * WORDS.length)];
    if (rand() < 0.3) s += WORDS[Math.floor(rand() * WORDS.length)]; // words run together
    s += rand() < 0.15 ? '  ' : rand() < 0.05 ? '\t' : ' ';
  }
  return s;
}

function partition(rand: () => number, hour: number, rows: number) {
  const data: RowData[] = [];
  for (let i = 0; i < rows; i++) {
    data.push({
      at: hour + HOUR - 1 - i,
      id: `r${hour}-${i}`,
      hash: i,
      start: 0,
      end: 0,
      cols: [0, 0, 0, 0, 0, 0, 0, 0],
      flags: 0,
      text: summaryText(randomSummary(rand)),
    });
  }
  return decodeIndex(encodeIndex({ hour, gen: 'g', size: 0, dictEntries: 0 }, data));
}

const NEEDLES = [
  'grace',
  'race',
  'ace',
  'köln',
  'ö',
  '📎',
  'a',
  'ab a',
  'grace from',
  'e fr',
  'from  grace',
  ' grace',
  'grace ',
  'x.y@z',
  'login failed from',
  'zzz',
  'a b c d',
];

describe('summary word index', () => {
  it('finds exactly the rows a byte search finds, for words and phrases, as partitions arrive', async () => {
    const rand = rng(7);
    const index = new SummaryTokens();
    const parts = [partition(rand, T0, 300), partition(rand, T0 + HOUR, 1)];
    index.buildNow(parts);
    // Later partitions (an append's rewrite is a new index object) are read when first searched
    // and indexed in the background; the answers are the same either way.
    parts.push(partition(rand, T0 + 2 * HOUR, 500), partition(rand, T0 + 3 * HOUR, 0));
    const check = () => {
      for (const needle of NEEDLES) {
        for (const p of parts) {
          const expected = searchSummaries(p, Buffer.from(needle, 'utf8'));
          expect([...index.rowsContaining(p, needle)], `${needle} in ${p.hour}`).toEqual([...expected]);
        }
      }
    };
    check();
    await new Promise((r) => setTimeout(r, 20));
    expect(index.has(parts[2])).toBe(true);
    check();
    expect(index.vocabulary).toBeGreaterThan(10);
  });

  it('agrees with a plain substring test of every summary (the byte search itself checked)', () => {
    const rand = rng(11);
    const p = partition(rand, T0, 400);
    const index = new SummaryTokens();
    index.buildNow([p]);
    for (const needle of NEEDLES) {
      const hits = index.rowsContaining(p, needle);
      for (let r = 0; r < p.n; r++)
        expect(hits[r] === 1, `${needle} / ${p.textAt(r)}`).toBe(p.textAt(r).includes(needle));
    }
  });

  it('looks up a word that matches few of many tokens as a walk over them all would find it', () => {
    // Numbered people make each partition's tokens many (hundreds) and a needle's matches few, so
    // the partition's sorted tokens are searched instead of walked.
    const rand = rng(5);
    const rows = (hour: number, n: number): RowData[] =>
      Array.from({ length: n }, (_, i) => {
        const who = Math.floor(rand() * 3000);
        return {
          at: hour + HOUR - 1 - i,
          id: `n${hour}-${i}`,
          hash: i,
          start: 0,
          end: 0,
          cols: [0, 0, 0, 0, 0, 0, 0, 0],
          flags: 0,
          text: summaryText(`user${who} signed in from ${rand() < 0.5 ? 'köln' : `host${who % 97}`} ${who}`),
        };
      });
    const parts = [T0, T0 + HOUR, T0 + 2 * HOUR].map((h) =>
      decodeIndex(encodeIndex({ hour: h, gen: 'g', size: 0, dictEntries: 0 }, rows(h, 600))),
    );
    const index = new SummaryTokens();
    index.buildNow(parts);
    for (const needle of ['user17', 'user2999', 'user0', 'host5', '17', 'köln', 'user1 signed', 'in from host3', 'q']) {
      for (const p of parts) {
        const expected = searchSummaries(p, Buffer.from(needle, 'utf8'));
        expect([...index.rowsContaining(p, needle)], `${needle} in ${p.hour}`).toEqual([...expected]);
      }
    }
  });

  it('builds in the background only once the store has been quiet for a moment', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
    try {
      const rand = rng(9);
      const parts = [partition(rand, T0, 100), partition(rand, T0 + HOUR, 100)];
      const index = new SummaryTokens();
      index.warmInBackground(() => parts, 1);
      // An admin at work: a query every half of the quiet time, so the pass keeps waiting.
      for (let t = 0; t < 10; t++) {
        index.noteQuery();
        vi.advanceTimersByTime(WARM_QUIET_MS / 2);
      }
      expect(index.has(parts[0])).toBe(false);
      vi.advanceTimersByTime(WARM_QUIET_MS * 3);
      expect(index.has(parts[0]) && index.has(parts[1])).toBe(true);
      for (const p of parts)
        expect([...index.rowsContaining(p, 'grace')]).toEqual([...searchSummaries(p, Buffer.from('grace'))]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('finishes in the background while the process has nothing else to do', async () => {
    // Steps queued as unref'd immediates ran only when something else woke the event loop: an idle
    // console (the admin reading a screen) indexed a step at a time, the first searches read the summaries.
    const rand = rng(13);
    const parts = Array.from({ length: 40 }, (_, i) => partition(rand, T0 + i * HOUR, 20));
    const index = new SummaryTokens();
    index.warmInBackground(() => parts, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(parts.filter((p) => index.has(p))).toHaveLength(parts.length);
  });

  it('reads the summaries while off, and uses only what is built while warming', async () => {
    const rand = rng(3);
    const parts = [partition(rand, T0, 200), partition(rand, T0 + HOUR, 200)];
    const index = new SummaryTokens();
    const check = () => {
      for (const p of parts)
        expect([...index.rowsContaining(p, 'grace')]).toEqual([...searchSummaries(p, Buffer.from('grace'))]);
    };
    check();
    expect(index.has(parts[0])).toBe(false); // off: nothing built by a search
    index.warmInBackground(() => parts, 1);
    check();
    await new Promise((r) => setTimeout(r, 50));
    expect(index.has(parts[0]) && index.has(parts[1])).toBe(true);
    check();
  });
});

describe('text filter through the store', () => {
  const activities = (rand: () => number, from: number, n: number, start: number): StoredActivity[] =>
    Array.from({ length: n }, (_, i) =>
      act({
        id: `t-${start + i}`,
        at: from + Math.floor(rand() * 6 * HOUR),
        summary: randomSummary(rand),
        actor: rand() < 0.1 ? 'grace.hopper@example.com' : 'someone@example.com',
        city: rand() < 0.1 ? 'Gracetown' : 'Paris',
      }),
    );

  it('counts what its pages return and what a search of the stored activities finds, after appends too', async () => {
    const rand = rng(5);
    const store = await openStore(tempDir());
    try {
      const stored = activities(rand, T0, 700, 0);
      await store.activities.append(stored);
      store.activities.warmTextIndex?.();
      await new Promise((r) => setTimeout(r, 100));
      const more = activities(rand, T0 + 3 * HOUR, 400, 700); // rewrites some hours, adds others
      await store.activities.append(more);
      stored.push(...more);
      for (const needle of ['grace', 'race', 'köln', 'grace from', 'e fr', 'paris', '📎', 'zzz']) {
        const counted = (await store.activities.countsByDay({ text: needle })).reduce((n, d) => n + d.count, 0);
        let listed = 0;
        let cursor: string | null = null;
        do {
          const page = await store.activities.query({ text: needle }, cursor, 97);
          listed += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        const expected = stored.filter((a) =>
          [summaryText(a.summary), a.actor, a.city, a.type, a.event, a.ip].some((v) =>
            v?.toLowerCase().includes(needle),
          ),
        ).length;
        expect({ needle, counted, listed }).toEqual({ needle, counted: expected, listed: expected });
        // A window that cuts hours in two: those hours are counted row by row.
        const since = T0 + HOUR + 1_234_567;
        const until = T0 + 5 * HOUR + 777;
        const inWindow = (await store.activities.countsByDay({ text: needle, since, until })).reduce(
          (n, d) => n + d.count,
          0,
        );
        const local = (await store.activities.countsByLocalDay({ text: needle, since, until }, 'Asia/Kolkata')).reduce(
          (n, d) => n + d.count,
          0,
        );
        const expectedInWindow = stored.filter(
          (a) =>
            a.at >= since &&
            a.at <= until &&
            [summaryText(a.summary), a.actor, a.city, a.type, a.event, a.ip].some((v) =>
              v?.toLowerCase().includes(needle),
            ),
        ).length;
        expect({ needle, inWindow, local }).toEqual({ needle, inWindow: expectedInWindow, local: expectedInWindow });
      }
    } finally {
      await store.close();
    }
  });
});
