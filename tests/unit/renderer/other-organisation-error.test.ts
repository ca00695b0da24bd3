// A connect refused because this computer holds another organisation's data carries both
// organisations as a field (not only in its sentence), end to end: main's GuardError → the
// envelope (checked against the contract's schema) → the renderer's GuardError the form reads.
import { afterEach, describe, expect, it } from 'vitest';
import { GuardError as MainGuardError } from '../../../main/runtime/errors';
import { GuardErrorSchema } from '../../../preload/contract';
import { guard, GuardError } from '../../../renderer/src/guard';
import { installBridge } from './support/in-memory-bridge';

const refusal = {
  held: { id: '100038294712245', name: 'Brightwave Logistics' },
  offered: { id: '100077001234567', name: 'Harbour Street Clinics' },
};
let remove: (() => void) | null = null;
afterEach(() => {
  remove?.();
  remove = null;
});

describe('the other-organisation refusal', () => {
  it('crosses the envelope with both organisations, and the renderer keeps them', async () => {
    const shape = new MainGuardError('refused', 'This data directory holds the data of Brightwave…', refusal).toJSON();
    expect(GuardErrorSchema.parse(shape)).toEqual({
      code: 'refused',
      message: expect.any(String),
      otherOrganisation: refusal,
    });
    remove = installBridge({ 'connector.connectToken': async () => ({ ok: false, error: shape }) }).remove;
    const err = await guard.connector.connectToken({ token: 'integration-token-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GuardError);
    expect((err as GuardError).otherOrganisation).toEqual(refusal);
  });

  it('an ordinary error has no such field, and a malformed one is not trusted', async () => {
    expect(new MainGuardError('busy', 'Busy.').toJSON()).toEqual({ code: 'busy', message: 'Busy.' });
    const bad = { code: 'refused', message: 'x', otherOrganisation: { held: { id: 1 } } };
    remove = installBridge({ 'connector.connectToken': async () => ({ ok: false, error: bad }) }).remove;
    const err = (await guard.connector
      .connectToken({ token: 'integration-token-1' })
      .catch((e: unknown) => e)) as GuardError;
    expect(err.code).toBe('refused');
    expect(err.otherOrganisation).toBeUndefined();
  });
});
