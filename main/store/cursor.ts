// Opaque cursors: base64url JSON. Opaque so callers cannot build positions the store does not
// understand; decoding failures become a person-readable invalid_input error.
import { GuardError } from '../runtime/errors';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!check(value))
    throw new GuardError('invalid_input', 'The page cursor is not valid; start again from the first page.');
  return value;
}
