// Main's side of the other-organisation refusal: the GuardError serialises both organisations
// into the envelope as the contract's schema has them, and an ordinary error carries no such field.
import { describe, expect, it } from 'vitest';
import { GuardError } from '../../../../main/runtime/errors';
import { GuardErrorSchema } from '../../../../preload/contract';

const refusal = {
  held: { id: '100038294712245', name: 'Brightwave Logistics' },
  offered: { id: '100077001234567', name: 'Harbour Street Clinics' },
};

describe('GuardError with otherOrganisation', () => {
  it('crosses the envelope with both organisations; an ordinary error has no such field', () => {
    const shape = new GuardError('refused', 'This data directory holds the data of Brightwave…', refusal).toJSON();
    expect(GuardErrorSchema.parse(shape)).toEqual({
      code: 'refused',
      message: expect.any(String),
      otherOrganisation: refusal,
    });
    expect(new GuardError('busy', 'Busy.').toJSON()).toEqual({ code: 'busy', message: 'Busy.' });
  });
});
