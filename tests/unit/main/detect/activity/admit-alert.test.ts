// The daily alert limit as one function (admitAlert), shared by the live judge and replay.
import { describe, expect, it } from 'vitest';
import { admitAlert } from '../../../../../main/detect/activity/evaluate';
import { DAY, T0 } from '../fixtures';

const limits = () => ({ daily: new Map<number, number>(), held: new Map<string, number>() });
const never = () => false;

describe('admitAlert', () => {
  it('admits up to the limit a day; a held-back burst stays held that day and competes again the next', () => {
    const l = limits();
    expect(admitAlert(l, { at: T0, key: 'a', continuing: false, burst: true }, 1, never)).toBe(true);
    expect(admitAlert(l, { at: T0 + 1, key: 'b', continuing: false, burst: true }, 1, never)).toBe(false);
    expect(admitAlert(l, { at: T0 + 2, key: 'b', continuing: true, burst: true }, 1, never)).toBe(false);
    // The one that was raised goes on being updated (updates are never limited).
    expect(admitAlert(l, { at: T0 + 3, key: 'a', continuing: true, burst: true }, 1, never)).toBe(true);
    const nextDay = (Math.floor(T0 / DAY) + 1) * DAY;
    expect(admitAlert(l, { at: nextDay, key: 'b', continuing: true, burst: true }, 1, never)).toBe(true);
    expect(l.held.size).toBe(0);
  });

  it('an alert already open is an update, never limited', () => {
    const l = limits();
    expect(admitAlert(l, { at: T0, key: 'x', continuing: false, burst: false }, 0, () => true)).toBe(true);
  });

  it('remembers only bursts, and prunes them: a million held-back findings stay cheap', () => {
    const l = limits();
    for (let i = 0; i < 1_000_000; i++)
      admitAlert(l, { at: T0 + i, key: `every-${i}`, continuing: false, burst: false }, 0, never);
    expect(l.held.size).toBe(0);
    // Bursts held back over many days: those from before yesterday are let go.
    for (let i = 0; i < 50_000; i++)
      admitAlert(l, { at: T0 + i * (DAY / 1000), key: `burst-${i}`, continuing: false, burst: true }, 0, never);
    expect(l.held.size).toBeLessThan(12_000);
  });
});
