// Every event payload is checked against the contract where it is emitted: a malformed one is
// a bug that throws at its source, and listeners only ever see valid payloads.
import { describe, expect, it } from 'vitest';
import { eventNames, events as eventSchemas } from '../../../../preload/contract';
import { GuardError } from '../../../../main/runtime/errors';
import { GuardEvents } from '../../../../main/runtime/events';

describe('GuardEvents', () => {
  it('delivers a valid payload to named and catch-all listeners', async () => {
    const bus = new GuardEvents();
    const seen: unknown[] = [];
    const offAny = bus.onAny((name, payload) => seen.push([name, payload]));
    const next = bus.next('app.navigate');
    bus.emit('app.navigate', { screen: 'about' });
    await expect(next).resolves.toEqual({ screen: 'about' });
    expect(seen).toEqual([['app.navigate', { screen: 'about' }]]);
    offAny();
  });

  it.each([
    ['an unknown screen', 'app.navigate', { screen: 'nowhere' }],
    ['an extra field', 'activities.added', { count: 1, extra: true }],
    ['a negative count', 'activities.added', { count: -1 }],
    ['a missing field', 'alerts.new', {}],
    ['a wrong type', 'sync.progress', { running: 'yes' }],
  ])('throws internal on %s, and no listener hears it', (_label, name, payload) => {
    const bus = new GuardEvents();
    const seen: unknown[] = [];
    bus.onAny((n, p) => seen.push([n, p]));
    let thrown: unknown;
    try {
      bus.emit(name as 'app.navigate', payload as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GuardError);
    expect((thrown as GuardError).code).toBe('internal');
    expect((thrown as GuardError).message).toContain(name);
    expect(seen).toEqual([]);
  });

  it('refuses an event the contract does not name', () => {
    const bus = new GuardEvents();
    for (const name of ['guard:event', '__proto__', 'constructor', 'toString']) {
      expect(() => bus.emit(name as 'app.navigate', { screen: 'about' })).toThrow(/no event named/);
    }
  });

  it('has a payload schema for every event name', () => {
    expect(eventNames.length).toBeGreaterThan(0);
    for (const name of eventNames) expect(typeof eventSchemas[name].safeParse).toBe('function');
  });
});
