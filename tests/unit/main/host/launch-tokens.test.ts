import { describe, expect, it } from 'vitest';
import { createLaunchTokens } from '../../../../main/host/launch-tokens';

function harness(ttlMs = 1000, maxOutstanding?: number) {
  let clock = 0;
  const tokens = createLaunchTokens({ ttlMs, maxOutstanding, now: () => clock });
  return { tokens, advance: (ms: number) => (clock += ms) };
}

describe('launch tokens', () => {
  it('redeem a token once; a second use is refused', () => {
    const { tokens } = harness();
    const token = tokens.issue();
    expect(tokens.redeem(token)).toBe(true);
    expect(tokens.redeem(token)).toBe(false);
  });

  it('refuse a token after its expiry, and it stays refused', () => {
    const { tokens, advance } = harness(1000);
    const token = tokens.issue();
    advance(1001);
    expect(tokens.redeem(token)).toBe(false);
    expect(tokens.redeem(token)).toBe(false);
  });

  it('accept a token up to its expiry', () => {
    const { tokens, advance } = harness(1000);
    const token = tokens.issue();
    advance(1000);
    expect(tokens.redeem(token)).toBe(true);
  });

  it('refuse tokens never issued, empty or oversize ones', () => {
    const { tokens } = harness();
    tokens.issue();
    for (const t of ['', 'x', 'a'.repeat(32), 'a'.repeat(10_000)]) expect(tokens.redeem(t)).toBe(false);
  });

  it('keep a bounded number outstanding, dropping the oldest', () => {
    const { tokens } = harness(1000, 2);
    const first = tokens.issue();
    const second = tokens.issue();
    const third = tokens.issue();
    expect(tokens.redeem(first)).toBe(false);
    expect(tokens.redeem(second)).toBe(true);
    expect(tokens.redeem(third)).toBe(true);
  });

  it('issue URL-safe tokens that differ each time', () => {
    const { tokens } = harness();
    const a = tokens.issue();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokens.issue()).not.toBe(a);
  });
});
