// Every operation of the contract, attacked with hostile inputs, over the real browser host
// in a separate process: each attempt gets a typed {code, message} error, nothing reaches the
// console, and the process is still alive and answering afterwards.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../../../preload/contract';
import { dispatch } from '../../../../main/console/dispatch';
import type { ConsoleApi } from '../../../../preload/contract';
import { startCliJson, stopChild, tempDir } from '../../../support/cli';
import { hostileInputs, validInputs } from '../../../support/contract-inputs';

let child: ChildProcess;
let origin: string;
let secret: string;

beforeAll(async () => {
  const started = await startCliJson<{ url: string; origin: string }>(['--data-dir', tempDir(), '--json', 'serve']);
  child = started.child;
  origin = started.first.origin;
  secret = new URL(started.first.url).hash.replace('#secret=', '');
});
afterAll(async () => {
  if (child) await stopChild(child);
});

async function call(op: string, body: string | undefined) {
  const res = await fetch(`${origin}/api/call/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-guard-secret': secret },
    body,
  });
  return { status: res.status, json: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
}

describe('hostile inputs to every operation', () => {
  it('the table covers every operation of the contract', () => {
    expect(Object.keys(validInputs).sort()).toEqual([...operationNames].sort());
  });

  for (const op of operationNames) {
    it(`${op} refuses every hostile input with a typed error`, async () => {
      for (const variant of hostileInputs(op)) {
        const body = variant.json ?? JSON.stringify(variant.value);
        const { json } = await call(op, body);
        expect(json.ok, `${op} accepted ${variant.label}`).toBe(false);
        expect(json.error!.code, variant.label).toMatch(/^(invalid_input)$/);
        expect(typeof json.error!.message).toBe('string');
        expect(json.error!.message.length).toBeLessThan(1000);
      }
    });
  }

  it('the 10 MB inputs are refused by the schemas themselves, not only by the body limit', async () => {
    const calls: string[] = [];
    const api = new Proxy(
      {},
      { get: (_t, f) => new Proxy({}, { get: (_u, m) => async () => calls.push(`${String(f)}.${String(m)}`) }) },
    ) as ConsoleApi;
    for (const op of operationNames) {
      const huge = hostileInputs(op).find((v) => v.label.startsWith('huge'))!;
      const result = await dispatch(api, op, huge.value);
      expect(result.ok, op).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(calls).toEqual([]);
  });

  it('unknown and prototype operation names are refused', async () => {
    for (const op of ['app.nope', 'constructor.name', '__proto__.x', 'toString']) {
      const result = await dispatch({} as ConsoleApi, op, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    }
  });

  it('the host is still alive and answering after all of that', async () => {
    expect(child.exitCode).toBeNull();
    const { json } = await call('app.info', undefined);
    expect(json.ok).toBe(true);
  });
});
