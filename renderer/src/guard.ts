// The renderer's only door to the engine: a typed client over `window.guard` (the Electron
// preload, or the script the browser host injects). It unwraps envelopes so screens can use
// plain async/await, and turns every failure into a GuardError whose message a person can act on.
import type {
  Contract,
  Envelope,
  ErrorCode,
  EventName,
  EventPayload,
  Feature,
  GuardBridge,
  OpInput,
  OpOutput,
  OtherOrganisationRefusal,
} from '../../preload/contract';
import { OtherOrganisationRefusalSchema } from '../../preload/contract';

declare global {
  interface Window {
    guard?: GuardBridge;
  }
}

/** 'bridge_missing' and 'bad_response' happen on this side of the bridge, never in main. */
export type ClientErrorCode = ErrorCode | 'bridge_missing' | 'bad_response';

export class GuardError extends Error {
  readonly code: ClientErrorCode;
  /** Set when a connect was refused because the store holds another organisation's data. */
  readonly otherOrganisation?: OtherOrganisationRefusal;
  constructor(code: ClientErrorCode, message: string, otherOrganisation?: OtherOrganisationRefusal) {
    super(message);
    this.name = 'GuardError';
    this.code = code;
    if (otherOrganisation) this.otherOrganisation = otherOrganisation;
  }
}

export function hasBridge(): boolean {
  const g = typeof window === 'undefined' ? undefined : window.guard;
  return typeof g === 'object' && g !== null && typeof g.events?.on === 'function';
}

function bridge(): GuardBridge {
  if (!hasBridge()) {
    throw new GuardError('bridge_missing', 'Workplace Guard’s engine is not reachable from this page.');
  }
  return window.guard as GuardBridge;
}

/** Any thrown value as a GuardError: itself if it is one, else `internal` with its message. */
export function toGuardError(e: unknown, code: ClientErrorCode = 'internal'): GuardError {
  if (e instanceof GuardError) return e;
  return new GuardError(code, e instanceof Error ? e.message : String(e));
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null || !('ok' in x)) return false;
  const e = x as { ok: unknown; error?: unknown };
  if (e.ok === true) return 'value' in x;
  return e.ok === false && typeof e.error === 'object' && e.error !== null;
}

/** Calls `feature.method` and returns its value, or throws a GuardError. */
export async function call<F extends Feature, M extends keyof Contract[F] & string>(
  feature: F,
  method: M,
  input?: OpInput<F, M>,
): Promise<OpOutput<F, M>> {
  const ns = bridge()[feature] as unknown as Record<string, ((i?: unknown) => Promise<unknown>) | undefined>;
  const fn = ns?.[method];
  if (typeof fn !== 'function') {
    throw new GuardError('unknown_operation', `This version of the engine does not offer ${feature}.${method}.`);
  }
  let envelope: unknown;
  try {
    envelope = await fn(input);
  } catch (e) {
    throw new GuardError('network', `The engine did not answer (${toGuardError(e).message}).`);
  }
  if (!isEnvelope(envelope)) {
    throw new GuardError('bad_response', `The engine sent an answer this screen cannot read (${feature}.${method}).`);
  }
  if (envelope.ok) return envelope.value as OpOutput<F, M>;
  const { code, message, otherOrganisation } = envelope.error as {
    code?: unknown;
    message?: unknown;
    otherOrganisation?: unknown;
  };
  const refusal = OtherOrganisationRefusalSchema.safeParse(otherOrganisation);
  throw new GuardError(
    (typeof code === 'string' ? code : 'internal') as ClientErrorCode,
    typeof message === 'string' && message ? message : 'The operation failed without saying why.',
    refusal.success ? refusal.data : undefined,
  );
}

/** The same operations as `window.guard`, but returning values and throwing GuardError. */
export type GuardClient = {
  [F in Feature]: { [M in keyof Contract[F] & string]: (input?: OpInput<F, M>) => Promise<OpOutput<F, M>> };
};

export const guard: GuardClient = new Proxy({} as GuardClient, {
  get(_target, feature: string) {
    return new Proxy(
      {},
      {
        get(_t, method: string) {
          return (input?: unknown) => call(feature as Feature, method as never, input as never);
        },
      },
    );
  },
});

/** Subscribes to an event main pushes; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  if (!hasBridge()) return () => {};
  return bridge().events.on(name, (payload) => listener(payload as EventPayload<E>));
}

/** A message for any thrown value, for screens that show errors. */
export function errorMessage(e: unknown): string {
  return toGuardError(e).message;
}
