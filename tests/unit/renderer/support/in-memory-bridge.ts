// window.guard as the preload exposes it (per-feature namespaces answering envelopes, plus
// events.on), answered by a table the test writes, with events the test pushes. Every pushed
// payload is checked against the contract, as main checks it where it is emitted.
import {
  contract,
  events as eventSchemas,
  type Envelope,
  type EventName,
  type EventPayload,
  type GuardBridge,
} from '../../../../preload/contract';

export type Answer = (input: unknown) => Promise<unknown>;

export function installBridge(answers: Record<string, Answer> = {}) {
  const calls: { op: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: Record<string, unknown> = {};
  for (const [feature, ops] of Object.entries(contract)) {
    const ns: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(ops)) {
      const op = `${feature}.${method}`;
      ns[method] = async (input?: unknown) => {
        calls.push({ op, input });
        const answer = answers[op];
        if (!answer) return { ok: false, error: { code: 'unsupported', message: `${op} is not scripted.` } };
        return answer(input);
      };
    }
    bridge[feature] = ns;
  }
  bridge.events = {
    on(name: string, listener: (payload: unknown) => void) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)!.delete(listener);
    },
  };
  (globalThis as { window?: unknown }).window = { guard: bridge as GuardBridge };
  return {
    calls,
    push<E extends EventName>(name: E, payload: EventPayload<E>) {
      const checked = eventSchemas[name].parse(payload);
      for (const listener of listeners.get(name) ?? []) listener(checked);
    },
    listenerCount: (name: EventName) => listeners.get(name)?.size ?? 0,
    remove: () => delete (globalThis as { window?: unknown }).window,
  };
}

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });
