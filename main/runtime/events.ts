// A typed event bus: domains emit, the Electron glue and the HTTP host forward to windows.
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../preload/contract';

export type GuardEventListener = (name: EventName, payload: unknown) => void;

export class GuardEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    // Many windows/streams may listen; the default limit of 10 would print a false leak warning.
    this.emitter.setMaxListeners(100);
  }
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', name, payload);
    this.emitter.emit(name, payload);
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
