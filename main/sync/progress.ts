// Sync progress as the contract's SyncProgress: phase, counts, rate and an ETA estimated from
// how much of the time window the (newest-first) walk has covered.
import type { SyncProgress } from '../../preload/contract';

export const IDLE_PROGRESS: SyncProgress = {
  running: false,
  phase: 'idle',
  users: 0,
  activities: 0,
  quarantined: 0,
  ratePerSec: 0,
  etaSec: null,
  startedAt: null,
  waiting: null,
  windowFraction: null,
};

export class ProgressTracker {
  private state: SyncProgress;
  private fraction = 0;
  private fractionAt = 0;
  private fractionBase = 0;

  constructor(
    private readonly now: () => number,
    private readonly emit: (p: SyncProgress) => void,
  ) {
    this.state = { ...IDLE_PROGRESS, running: true, phase: 'users', startedAt: now() };
    this.fractionAt = now();
  }

  get current(): SyncProgress {
    return { ...this.state };
  }

  /** The client is waiting (rate limit, retry, slow-down): shown until the next step of the sync. */
  waiting(info: { reason: 'rate_limited' | 'retry' | 'throttle'; until: number; url: string }): void {
    this.state.waiting = {
      reason: info.reason,
      until: Math.max(0, Math.round(info.until)),
      call: info.url.slice(0, 2048),
    };
    this.push();
  }

  phase(phase: SyncProgress['phase']): void {
    this.state.waiting = null;
    this.state.phase = phase;
    this.state.running = phase === 'users' || phase === 'activities';
    if (!this.state.running) this.state.etaSec = phase === 'done' ? 0 : null;
    if (phase === 'done') this.state.windowFraction = 1;
    if (phase === 'activities') {
      this.fractionAt = this.now();
      this.fractionBase = this.fraction;
      this.state.windowFraction = this.fraction;
    }
    this.push();
  }

  users(count: number): void {
    this.state.waiting = null;
    this.state.users = count;
    this.push();
  }

  /** `fraction` is how much of the activity window is done (0..1), for the ETA. */
  activities(added: number, quarantined: number, fraction: number | null): void {
    this.state.waiting = null;
    this.state.activities += added;
    this.state.quarantined += quarantined;
    const elapsed = (this.now() - (this.state.startedAt ?? this.now())) / 1000;
    this.state.ratePerSec = elapsed > 0 ? Math.round((this.state.activities / elapsed) * 10) / 10 : 0;
    if (fraction !== null) {
      this.fraction = Math.max(0, Math.min(1, fraction));
      this.state.windowFraction = this.fraction;
      const spent = (this.now() - this.fractionAt) / 1000;
      const done = this.fraction - this.fractionBase;
      this.state.etaSec = done > 0 && spent > 0 ? Math.round((spent * (1 - this.fraction)) / done) : null;
    }
    this.push();
  }

  private push(): void {
    this.emit({ ...this.state });
  }
}
