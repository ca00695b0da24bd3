// Detection quality on a smaller demo scenario with its own seed (the full figures come from
// `npm run eval`): a real sync of the in-process demo server, then every injected attack caught by
// its policy, no alert on a look-alike, at most 1 false positive per 1,000 user-days.
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../../eval/scenario-eval';

describe('detection quality on the demo scenario', () => {
  it('meets the targets for seed "detection-quality" (120 users × 21 days)', { timeout: 240_000 }, async () => {
    const s = await evaluateScenario({ seed: 'detection-quality', users: 120, days: 21 });
    const expected = s.policies.reduce((n, r) => n + r.expected, 0);
    expect(expected).toBeGreaterThanOrEqual(8);
    for (const r of s.policies) {
      expect({ policy: r.policy, missed: r.missed, onLookAlikes: r.lookAlikeIds }).toEqual({
        policy: r.policy,
        missed: [],
        onLookAlikes: [],
      });
    }
    const fp = s.policies.reduce((n, r) => n + r.falsePositives, 0);
    expect((fp / s.userDays) * 1000).toBeLessThanOrEqual(1);
  });
});
