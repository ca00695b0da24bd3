// `npm run eval`: detection quality on the demo scenario for the default seed and two others.
// Figures are printed; the exit code is 1 when a target is missed (every attack caught by its
// policy, no alert on a look-alike, at most 1 false positive per 1,000 user-days).
import { evaluateScenario, formatScore } from './scenario-eval';
import { EVAL_SEEDS } from './seeds';

const users = Number(process.env.EVAL_USERS ?? 300);
const days = Number(process.env.EVAL_DAYS ?? 30);
const seeds = process.env.EVAL_SEEDS?.split(',') ?? EVAL_SEEDS;
let ok = true;
for (const seed of seeds) {
  const s = await evaluateScenario({ seed, users, days, keepDir: process.env.EVAL_KEEP === '1' });
  process.stdout.write(`${formatScore(s)}\n`);
  if (process.env.EVAL_VERBOSE === '1')
    for (const a of s.unexplained) process.stdout.write(`  unexplained ${a.id} ${a.policy} ${a.users[0]} ${a.title}\n`);
  const fp = s.policies.reduce((n, r) => n + r.falsePositives, 0);
  const met =
    s.policies.every((r) => r.caught === r.expected && r.lookAlikeAlerts === 0) && (fp / s.userDays) * 1000 <= 1;
  process.stdout.write(`targets ${met ? 'met' : 'MISSED'}\n\n`);
  ok &&= met;
}
process.exitCode = ok ? 0 : 1;
