import { describe, expect, it } from 'vitest';
import { normaliseEventName } from '../../../../main/detect/normalise';

// normaliseEventName remembers the kinds of the names it has seen (a bounded cache): the answer
// must be the same the first time, the next time, and after the cache is full of other names.
describe('event name cache', () => {
  it('answers a repeated name as the first time, also once the cache is full of other names', () => {
    const first = normaliseEventName('Two-Factor_Authentication  Enabled');
    expect(first.type).toBe('mfa.enable');
    expect(normaliseEventName('Two-Factor_Authentication  Enabled')).toEqual(first);
    for (let i = 0; i < 5_000; i++) expect(normaliseEventName(`made-up event ${i}`).type).toBe('other');
    expect(normaliseEventName('Logged in').type).toBe('login.success');
    expect(normaliseEventName('LOGGED  IN!').type).toBe('login.success');
    expect(normaliseEventName('Two-Factor_Authentication  Enabled')).toEqual(first);
    expect(normaliseEventName('made-up event 4999').type).toBe('other');
  });
});
