// One test's prefetcher and in-memory bridge: the prefetcher stopped and the bridge removed after
// each test, then the stores the test touched put back (`reset`), so no test sees another's.
import { afterEach } from 'vitest';
import { installBridge, type Answer } from './in-memory-bridge';

export interface PrefetchSession {
  /** The bridge installed by this test. */
  readonly bridge: ReturnType<typeof installBridge>;
  /** Installs this test's bridge (answering `answers`). */
  install(answers: Record<string, Answer>): ReturnType<typeof installBridge>;
  /** The prefetcher started by this test: stopped after it. */
  stop: (() => void) | null;
}

export function prefetchSession(reset: () => void): PrefetchSession {
  let bridge: ReturnType<typeof installBridge> | null = null;
  const session: PrefetchSession = {
    get bridge() {
      if (!bridge) throw new Error('This test installed no bridge.');
      return bridge;
    },
    install(answers) {
      bridge = installBridge(answers);
      return bridge;
    },
    stop: null,
  };
  afterEach(() => {
    session.stop?.();
    session.stop = null;
    bridge?.remove();
    bridge = null;
    reset();
  });
  return session;
}
