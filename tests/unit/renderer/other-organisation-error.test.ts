// A connect refused because this computer holds another organisation's data carries both
// organisations as a field (not only in its sentence), end to end: main's GuardError → the
// envelope → the renderer's GuardError the form reads (main's half: tests/unit/main/runtime).
import { afterEach, describe, expect, it } from 'vitest';
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
    const shape = {
      code: 'refused',
      message: 'This data directory holds the data of Brightwave…',
      otherOrganisation: refusal,
    };
    remove = installBridge({ 'connector.connectToken': async () => ({ ok: false, error: shape }) }).remove;
    const err = await guard.connector.connectToken({ token: 'integration-token-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GuardError);
    expect((err as GuardError).otherOrganisation).toEqual(refusal);
  });

  it('a malformed refusal is not trusted: the error stays, without the field', async () => {
    const bad = { code: 'refused', message: 'x', otherOrganisation: { held: { id: 1 } } };
    remove = installBridge({ 'connector.connectToken': async () => ({ ok: false, error: bad }) }).remove;
    const err = (await guard.connector
      .connectToken({ token: 'integration-token-1' })
      .catch((e: unknown) => e)) as GuardError;
    expect(err.code).toBe('refused');
    expect(err.otherOrganisation).toBeUndefined();
  });
});
