// Loading / error / data for one engine call that may be re-run, with no React in it (so it is
// unit-tested on its own; useGuardQuery wraps it). Only the latest run's answer is kept: an
// older call that answers late is dropped, never shown over a newer one.
import { toGuardError, type GuardError } from '../guard';

export type QueryState<T> = { data: T | undefined; error: GuardError | null; loading: boolean };

export class LatestQuery<T> {
  private state: QueryState<T> = { data: undefined, error: null, loading: true };
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  getState = (): QueryState<T> => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs `fn`; what is shown stays until its answer (or failure) arrives. Never rejects. */
  run = (fn: () => Promise<T>): Promise<void> => {
    const mine = ++this.generation;
    this.set({ loading: true });
    let call: Promise<T>;
    try {
      call = fn();
    } catch (e) {
      call = Promise.reject(e);
    }
    return call.then(
      (data) => {
        if (mine === this.generation) this.set({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (mine === this.generation) this.set({ error: toGuardError(e), loading: false });
      },
    );
  };

  private set(patch: Partial<QueryState<T>>): void {
    // A patch that changes nothing (a load starting while already loading, as on first mount) tells
    // no one: a subscribed screen would re-render for a state equal to the one it shows.
    const keys = Object.keys(patch) as (keyof QueryState<T>)[];
    if (keys.every((k) => Object.is(this.state[k], patch[k]))) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
