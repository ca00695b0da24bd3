// The seeds `npm run eval` scores by default: the demo's own and two others. The scenario tests
// (tests/unit/main/demo/scenario-precisions.test.ts) check the same three, so every precision case
// the eval counts on is known to be in each of its scenarios.
import { DEFAULT_SEED } from '../../main/demo/index';

export const EVAL_SEEDS: readonly string[] = [DEFAULT_SEED, 'eval-seed-2', 'eval-seed-3'];
