// Free text applies at once after a pause in typing (or when cleared) and waits for the pause
// within a burst of keystrokes.
import { describe, expect, it } from 'vitest';
import { settleDelay } from '../../../renderer/src/components/useSettledText';

describe('settleDelay', () => {
  it('applies a keystroke after a pause at once', () => {
    expect(settleDelay('gra', 1000, Number.NEGATIVE_INFINITY, 150)).toBe(0);
    expect(settleDelay('grace', 5000, 4850, 150)).toBe(0);
  });

  it('lets a letter or two wait for the pause even after one (it matches nearly everything)', () => {
    expect(settleDelay('g', 1000, Number.NEGATIVE_INFINITY, 150)).toBe(150);
    expect(settleDelay(' gr ', 5000, 1000, 150)).toBe(150);
  });

  it('waits for the pause while keystrokes come close together', () => {
    expect(settleDelay('gr', 1060, 1000, 150)).toBe(150);
    expect(settleDelay('grace', 4999, 4850, 150)).toBe(150);
  });

  it('applies a cleared search at once', () => {
    expect(settleDelay('', 1010, 1000, 150)).toBe(0);
  });
});
