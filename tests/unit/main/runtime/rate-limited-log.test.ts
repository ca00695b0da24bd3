import { describe, expect, it } from 'vitest';
import { createRateLimitedLog } from '../../../../main/runtime/rate-limited-log';

function harness(intervalMs = 1000, maxKeys?: number) {
  let clock = 0;
  const lines: string[] = [];
  const log = createRateLimitedLog({ intervalMs, log: (l) => lines.push(l), now: () => clock, maxKeys });
  return { log, lines, advance: (ms: number) => (clock += ms) };
}

describe('createRateLimitedLog', () => {
  it('writes the first warning of a key, holds back repeats within the interval, then counts them', () => {
    const h = harness();
    for (let i = 0; i < 50; i++) h.log.warn('origin', `refused ${i}`);
    expect(h.lines).toEqual(['refused 0']);
    h.advance(1000);
    h.log.warn('origin', 'refused again');
    expect(h.lines).toEqual(['refused 0', 'refused again (49 more like this not shown)']);
  });

  it('limits each key on its own', () => {
    const h = harness();
    h.log.warn('a', 'one');
    h.log.warn('b', 'two');
    h.log.warn('a', 'three');
    expect(h.lines).toEqual(['one', 'two']);
  });

  it('remembers a bounded number of keys, so hostile keys cannot grow it without end', () => {
    const h = harness(1000, 2);
    h.log.warn('a', 'a1');
    h.log.warn('b', 'b1');
    h.log.warn('c', 'c1'); // forgets 'a'
    h.log.warn('a', 'a2'); // written again: 'a' was forgotten
    h.log.warn('c', 'c2'); // still held back
    expect(h.lines).toEqual(['a1', 'b1', 'c1', 'a2']);
  });
});
