// dispatch() on its own: the one place that looks operations up, validates input, calls the
// console and validates what it returns. The console here is a table of handlers the test
// controls, so each branch can be reached on purpose.
import { describe, expect, it } from 'vitest';
import { contract, operationNames, type ConsoleApi } from '../../../../preload/contract';
import { dispatch, knownOperations } from '../../../../main/console/dispatch';
import { GuardError } from '../../../../main/runtime/errors';
import { acceptedInputs, validInputs } from '../../../support/contract-inputs';

type Handler = (input: unknown) => Promise<unknown>;

/** A console whose every operation records its input and answers with `answer(op, input)`. */
function scriptedConsole(answer: (op: string, input: unknown) => unknown) {
  const calls: { op: string; input: unknown }[] = [];
  const api: Record<string, Record<string, Handler>> = {};
  for (const [feature, ops] of Object.entries(contract)) {
    api[feature] = {};
    for (const method of Object.keys(ops)) {
      const op = `${feature}.${method}`;
      api[feature][method] = async (input) => {
        calls.push({ op, input });
        return answer(op, input);
      };
    }
  }
  return { api: api as unknown as ConsoleApi, calls };
}

const status = {
  state: 'not_connected',
  method: null,
  organisation: null,
  apiBase: null,
  error: null,
  disabledFeatures: [],
  lastSyncAt: null,
  nextSyncAt: null,
  lastActivityAt: null,
  progress: {
    running: false,
    phase: 'idle',
    users: 0,
    activities: 0,
    quarantined: 0,
    ratePerSec: 0,
    etaSec: null,
    startedAt: null,
  },
};

describe('dispatch', () => {
  it('knows exactly the contract’s operations', () => {
    expect(knownOperations().sort()).toEqual([...operationNames].sort());
  });

  it.each([
    ['a missing name', undefined],
    ['a number', 42],
    ['an unknown feature', 'nope.list'],
    ['an unknown method', 'activities.delete'],
    ['an inherited property', 'activities.constructor'],
    ['a prototype key', '__proto__.toString'],
    ['a feature alone', 'activities'],
  ])('answers unknown_operation for %s, without calling the console', async (_label, name) => {
    const { api, calls } = scriptedConsole(() => status);
    const result = await dispatch(api, name, {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown_operation', message: expect.any(String) } });
    expect(calls).toEqual([]);
  });

  it('answers invalid_input for a bad input, names the field, never echoes the value, never calls', async () => {
    const { api, calls } = scriptedConsole(() => ({ items: [], nextCursor: null }));
    const hostile = 'SECRET-'.repeat(10_000);
    const result = await dispatch(api, 'activities.list', { limit: 0, cursor: hostile });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^Invalid input for activities\.list: /);
    expect(result.error.message).toMatch(/limit/);
    expect(result.error.message).not.toContain('SECRET-');
    expect(result.error.message.length).toBeLessThan(1000);
    expect(calls).toEqual([]);
  });

  it('hands the console the parsed input and the caller the parsed output', async () => {
    const { api, calls } = scriptedConsole(() => status);
    await expect(dispatch(api, 'connector.status', undefined)).resolves.toEqual({ ok: true, value: status });
    expect(calls).toEqual([{ op: 'connector.status', input: undefined }]);
  });

  it.each([
    ['an extra field', { ...status, accessToken: 'tok-SECRET-VALUE' }],
    ['a field of the wrong type', { ...status, state: 'sleeping' }],
    ['a missing field', { ...status, progress: undefined }],
    ['nothing at all', undefined],
  ])('turns a result with %s into internal and reports it (our bug, not the caller’s)', async (_label, bad) => {
    const { api } = scriptedConsole(() => bad);
    const reports: { op: string; code: string }[] = [];
    const result = await dispatch(api, 'connector.status', undefined, (op, err) =>
      reports.push({ op, code: err.code }),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/^connector\.status produced an invalid result/) },
    });
    expect(JSON.stringify(result)).not.toContain('SECRET-VALUE');
    expect(reports).toEqual([{ op: 'connector.status', code: 'internal' }]);
  });

  it('passes a GuardError’s code and message through, without reporting it', async () => {
    const { api } = scriptedConsole(() => {
      throw new GuardError('not_found', 'That activity is not in the local store.');
    });
    const reports: string[] = [];
    const result = await dispatch(api, 'activities.get', { id: 'a1' }, (op) => reports.push(op));
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That activity is not in the local store.' },
    });
    expect(reports).toEqual([]);
  });

  it('turns any other failure into internal and reports it', async () => {
    const { api } = scriptedConsole(() => {
      throw new TypeError('x is undefined');
    });
    const reports: string[] = [];
    const result = await dispatch(api, 'users.list', {}, (op) => reports.push(op));
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: x is undefined' } });
    expect(reports).toEqual(['users.list']);
  });

  describe('accepts every valid input of every operation', () => {
    it('the table of valid inputs names every operation', () => {
      expect(Object.keys(validInputs).sort()).toEqual([...operationNames].sort());
      for (const op of Object.keys(acceptedInputs)) expect(operationNames).toContain(op);
    });
    for (const op of operationNames) {
      it(op, async () => {
        const inputs = [validInputs[op], ...(acceptedInputs[op] ?? [])];
        for (const input of inputs) {
          const { api, calls } = scriptedConsole(() => {
            throw new GuardError('busy', 'reached the console');
          });
          const result = await dispatch(api, op, input);
          // Reaching the console (which answers busy here) proves the input was accepted.
          expect(result, `${op} refused ${JSON.stringify(input)}`).toEqual({
            ok: false,
            error: { code: 'busy', message: 'reached the console' },
          });
          expect(calls).toHaveLength(1);
        }
      });
    }
  });
});
