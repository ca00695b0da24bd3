// The renderer's client over window.guard: values out of envelopes, every failure a GuardError
// whose message a person can act on.
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage, guard, GuardError, hasBridge, onEvent, toGuardError } from '../../../renderer/src/guard';
import { fail, installBridge, ok } from './support/in-memory-bridge';

let bridge: ReturnType<typeof installBridge> | null = null;
afterEach(() => {
  bridge?.remove();
  bridge = null;
});

async function failure(p: Promise<unknown>): Promise<GuardError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GuardError);
    return e as GuardError;
  }
  throw new Error('expected a GuardError');
}

describe('guard client', () => {
  it('without a bridge: bridge_missing, and event subscriptions are harmless', async () => {
    expect(hasBridge()).toBe(false);
    expect((await failure(guard.app.info())).code).toBe('bridge_missing');
    expect(onEvent('app.navigate', () => undefined)).toBeTypeOf('function');
  });

  it('unwraps a value and passes the input through', async () => {
    bridge = installBridge({ 'settings.update': async (input) => ok({ echoed: input }) });
    await expect(guard.settings.update({ notifications: false })).resolves.toEqual({
      echoed: { notifications: false },
    });
    expect(bridge.calls).toEqual([{ op: 'settings.update', input: { notifications: false } }]);
  });

  it('turns an error envelope into a GuardError with its code and message', async () => {
    bridge = installBridge({ 'activities.get': async () => fail('not_found', 'That activity is not here.') });
    const e = await failure(guard.activities.get({ id: 'x' }));
    expect([e.code, e.message]).toEqual(['not_found', 'That activity is not here.']);
  });

  it('says so when an error envelope carries no usable message or code', async () => {
    bridge = installBridge({ 'app.info': async () => ({ ok: false, error: {} }) });
    const e = await failure(guard.app.info());
    expect([e.code, e.message]).toEqual(['internal', 'The operation failed without saying why.']);
  });

  it('bad_response for an answer that is not an envelope', async () => {
    for (const answer of [null, 42, 'ok', { ok: true }, { ok: false }, { value: 1 }]) {
      bridge = installBridge({ 'app.info': async () => answer });
      expect((await failure(guard.app.info())).code, JSON.stringify(answer)).toBe('bad_response');
      bridge.remove();
    }
  });

  it('network when the bridge itself throws', async () => {
    bridge = installBridge({
      'app.info': async () => {
        throw new Error('IPC channel closed');
      },
    });
    const e = await failure(guard.app.info());
    expect([e.code, e.message]).toEqual(['network', 'The engine did not answer (IPC channel closed).']);
  });

  it('unknown_operation for a method this engine does not offer', async () => {
    bridge = installBridge();
    const client = guard as unknown as Record<string, Record<string, () => Promise<unknown>>>;
    expect((await failure(client.activities.purgeEverything())).code).toBe('unknown_operation');
  });

  it('onEvent delivers pushed payloads until unsubscribed', () => {
    bridge = installBridge();
    const seen: unknown[] = [];
    const off = onEvent('activities.added', (p) => seen.push(p));
    bridge.push('activities.added', { count: 3 });
    off();
    bridge.push('activities.added', { count: 4 });
    expect(seen).toEqual([{ count: 3 }]);
  });

  it('toGuardError and errorMessage read any thrown value', () => {
    const own = new GuardError('busy', 'A sync is running.');
    expect(toGuardError(own)).toBe(own);
    expect(toGuardError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toGuardError('plain', 'network')).toMatchObject({ code: 'network', message: 'plain' });
    expect(errorMessage(own)).toBe('A sync is running.');
    expect(errorMessage(42)).toBe('42');
  });
});
