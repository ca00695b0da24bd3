// When to sync: at start, every N minutes after the previous sync ended, on resume from sleep,
// when the network returns, and on demand. Running two at once is the connector's concern
// (a trigger during a sync joins it); this only decides when. Timers are injectable so tests
// fire them directly instead of waiting.
export type SyncReason = 'start' | 'interval' | 'resume' | 'online' | 'manual' | 'connect';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Referenced timers on purpose: a running schedule is what keeps `sync --watch` alive;
// stop()/close() clear it.
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class SyncScheduler {
  private handle: unknown = null;
  private running = false;
  nextAt: number | null = null;

  constructor(
    private readonly opts: {
      intervalMs: () => number;
      trigger: (reason: SyncReason) => void;
      now: () => number;
      timers?: Timers;
      onNextChange?: (nextAt: number | null) => void;
    },
  ) {}

  private get timers(): Timers {
    return this.opts.timers ?? realTimers;
  }

  get started(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.opts.trigger('start');
  }

  stop(): void {
    this.running = false;
    this.clear();
    this.setNext(null);
  }

  /** Arms the next interval sync, counted from `from` (the end of the last sync). */
  armFrom(from: number): void {
    if (!this.running) return;
    this.clear();
    const at = from + this.opts.intervalMs();
    this.setNext(at);
    this.handle = this.timers.setTimeout(
      () => {
        this.handle = null;
        if (this.running) this.opts.trigger('interval');
      },
      Math.max(0, at - this.opts.now()),
    );
  }

  /** Resume from sleep / network back: sync now (timers may have been frozen or failed offline). */
  poke(reason: 'resume' | 'online'): void {
    if (this.running) this.opts.trigger(reason);
  }

  private clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private setNext(at: number | null): void {
    this.nextAt = at;
    this.opts.onNextChange?.(at);
  }
}
