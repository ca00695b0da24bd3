// A typed event bus: domains emit, the Electron glue and the HTTP host forward to windows.
// Every payload is checked against the contract's schema here, where it is emitted: a payload
// that does not match is our bug, and it fails loudly at its source (in tests, in the emitting
// test) instead of reaching a renderer that would have to guess at its shape.
import { EventEmitter } from 'node:events';
import { events as eventSchemas, type EventName, type EventPayload } from '../../preload/contract';
import { GuardError } from './errors';

export type GuardEventListener = (name: EventName, payload: unknown) => void;

/** Checks one payload against its event's schema; returns the parsed payload or throws `internal`. */
export function checkEventPayload<E extends EventName>(name: E, payload: unknown): EventPayload<E> {
  const schema = Object.hasOwn(eventSchemas, name) ? eventSchemas[name] : undefined;
  if (!schema) throw new GuardError('internal', `There is no event named ${String(name).slice(0, 80)}.`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`.slice(0, 200))
      .join('; ');
    throw new GuardError('internal', `The ${name} event was emitted with an invalid payload (${issues}).`);
  }
  return parsed.data as EventPayload<E>;
}

export class GuardEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    // Many windows/streams may listen; the default limit of 10 would print a false leak warning.
    this.emitter.setMaxListeners(100);
  }
  /** Validates the payload (throws GuardError 'internal' if it breaks the contract), then delivers it. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = checkEventPayload(name, payload);
    this.emitter.emit('event', name, checked);
    this.emitter.emit(name, checked);
  }
  /** Listen to every event (transports forward them all). */
  onAny(listener: GuardEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(name, listener as (p: unknown) => void);
    return () => this.emitter.off(name, listener as (p: unknown) => void);
  }
  /** Resolves with the next payload of `name` that satisfies `predicate` (tests wait on named events, never sleeps). */
  next<E extends EventName>(
    name: E,
    predicate: (p: EventPayload<E>) => boolean = () => true,
  ): Promise<EventPayload<E>> {
    return new Promise((resolve) => {
      const off = this.on(name, (p) => {
        if (predicate(p)) {
          off();
          resolve(p);
        }
      });
    });
  }
}
