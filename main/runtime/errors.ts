// GuardError is the one error type that crosses the contract: a code to branch on and a
// sentence a person can act on. Anything else thrown inside main becomes `internal`.
import type { ErrorCode, GuardErrorShape, OtherOrganisationRefusal } from '../../preload/contract';

export class GuardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** A connect refused for holding another organisation's data: both named, for the UI's choice. */
    readonly otherOrganisation?: OtherOrganisationRefusal,
  ) {
    super(message);
    this.name = 'GuardError';
  }
  toJSON(): GuardErrorShape {
    return this.otherOrganisation
      ? { code: this.code, message: this.message, otherOrganisation: this.otherOrganisation }
      : { code: this.code, message: this.message };
  }
}

export function toGuardError(err: unknown): GuardError {
  if (err instanceof GuardError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new GuardError('internal', `Unexpected error: ${message.slice(0, 300)}`);
}
