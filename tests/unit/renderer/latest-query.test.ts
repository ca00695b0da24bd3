// LatestQuery, the logic under useGuardQuery: the latest run's answer wins, failures become
// GuardErrors, data already shown stays while a re-run is in flight.
import { describe, expect, it } from 'vitest';
import { LatestQuery } from '../../../renderer/src/components/latest-query';
import { GuardError } from '../../../renderer/src/guard';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('LatestQuery', () => {
  it('starts loading, then holds the answer', async () => {
    const q = new LatestQuery<number>();
    expect(q.getState()).toEqual({ data: undefined, error: null, loading: true });
    await q.run(async () => 42);
    expect(q.getState()).toEqual({ data: 42, error: null, loading: false });
  });

  it('keeps the latest run’s answer when an older one answers late', async () => {
    const q = new LatestQuery<string>();
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = q.run(() => older.promise);
    const second = q.run(() => newer.promise);
    newer.resolve('new');
    await second;
    older.resolve('old');
    await first;
    expect(q.getState()).toEqual({ data: 'new', error: null, loading: false });
  });

  it('ignores a late failure of an older run', async () => {
    const q = new LatestQuery<string>();
    const older = deferred<string>();
    const first = q.run(() => older.promise);
    await q.run(async () => 'fresh');
    older.reject(new GuardError('network', 'gone'));
    await first;
    expect(q.getState()).toEqual({ data: 'fresh', error: null, loading: false });
  });

  it('keeps the data shown while re-running, and shows a failure as a GuardError', async () => {
    const q = new LatestQuery<string>();
    await q.run(async () => 'kept');
    const next = deferred<string>();
    const running = q.run(() => next.promise);
    expect(q.getState()).toEqual({ data: 'kept', error: null, loading: true });
    next.reject(new Error('disk full'));
    await running;
    expect(q.getState()).toMatchObject({
      data: 'kept',
      loading: false,
      error: { code: 'internal', message: 'disk full' },
    });
  });

  it('a function that throws at once is a failure too, not an exception', async () => {
    const q = new LatestQuery<string>();
    await q.run(() => {
      throw new GuardError('bridge_missing', 'No engine.');
    });
    expect(q.getState().error).toMatchObject({ code: 'bridge_missing' });
  });

  it('tells subscribers of each change until they leave, and only of changes', async () => {
    const q = new LatestQuery<number>();
    const seen: boolean[] = [];
    const off = q.subscribe(() => seen.push(q.getState().loading));
    // The first run starts in the loading state the query is already in: nothing to tell.
    await q.run(async () => 1);
    await q.run(async () => 2);
    off();
    await q.run(async () => 3);
    expect(seen).toEqual([false, true, false]);
  });
});
