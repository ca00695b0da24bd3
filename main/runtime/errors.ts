// GuardError is the one error type that crosses the contract: a code to branch on and a
// sentence a person can act on. Anything else thrown inside main becomes `internal`.
import type { ErrorCode, GuardErrorShape } from '../../preload/contract';

export class GuardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GuardError';
  }
  toJSON(): GuardErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function toGuardError(err: unknown): GuardError {
  if (err instanceof GuardError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new GuardError('internal', `Unexpected error: ${message.slice(0, 300)}`);
}
