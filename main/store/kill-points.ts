// Test-only kill points, for crash tests that cannot miss: with WG_TEST_KILL_AT=<step>:<n> in the
// environment, the process SIGKILLs itself the n-th time it reaches <step> — exactly at a commit
// step instead of wherever a timer happens to land. Without the variable every call is one
// comparison. Steps, in the order one append and its checkpoint commit:
//   mid-write         half of a file's new bytes written (temp file, or the file itself if a
//                     store ever wrote in place — the torn file the crash test must catch)
//   after-dictionary  the dictionary entries a partition refers to appended
//   after-data        a partition file renamed into place
//   after-index       its index sidecar renamed into place
//   after-checkpoint  a meta.json commit (sync checkpoints are meta entries)
export type KillStep = 'mid-write' | 'after-dictionary' | 'after-data' | 'after-index' | 'after-checkpoint';

const STEPS: readonly KillStep[] = ['mid-write', 'after-dictionary', 'after-data', 'after-index', 'after-checkpoint'];

function parse(spec: string | undefined): { step: KillStep; n: number } | null {
  if (!spec) return null;
  const m = /^([a-z-]+):(\d+)$/.exec(spec);
  if (!m || !STEPS.includes(m[1] as KillStep) || Number(m[2]) < 1)
    throw new Error(`WG_TEST_KILL_AT must be <step>:<n> with step one of ${STEPS.join(', ')}; got "${spec}".`);
  return { step: m[1] as KillStep, n: Number(m[2]) };
}

const armed = parse(process.env.WG_TEST_KILL_AT);
let reached = 0;

/** Whether a kill point is set (writers split their bytes only then, so mid-write exists). */
export const killPointsArmed = armed !== null;

export function killPoint(step: KillStep): void {
  if (armed === null || armed.step !== step) return;
  if (++reached === armed.n) process.kill(process.pid, 'SIGKILL');
}
