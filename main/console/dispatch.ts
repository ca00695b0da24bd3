// The single entry point for every contract call, whatever the transport (Electron IPC,
// the HTTP host, tests): look the operation up, validate the input, call the console,
// validate the output, and turn any failure into a typed {code, message} envelope.
// Transports do their own sender checks before calling this.
import { z } from 'zod';
import { contract, type ConsoleApi, type Envelope } from '../../preload/contract';
import { GuardError, toGuardError } from '../runtime/errors';

interface Operation {
  feature: string;
  method: string;
  input: z.ZodType;
  output: z.ZodType;
}

const operations = new Map<string, Operation>();
for (const [feature, ops] of Object.entries(contract)) {
  for (const [method, op] of Object.entries(ops as Record<string, { input: z.ZodType; output: z.ZodType }>)) {
    operations.set(`${feature}.${method}`, { feature, method, input: op.input, output: op.output });
  }
}

/** Describes what was wrong with an input without echoing (possibly huge or hostile) values back. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`.slice(0, 200))
    .join('; ');
}

export type Reporter = (op: string, err: GuardError, cause: unknown) => void;

export async function dispatch(
  api: ConsoleApi,
  opName: unknown,
  rawInput: unknown,
  report?: Reporter,
): Promise<Envelope<unknown>> {
  if (typeof opName !== 'string' || !operations.has(opName)) {
    return { ok: false, error: { code: 'unknown_operation', message: 'There is no such operation.' } };
  }
  const op = operations.get(opName)!;
  const parsed = op.input.safeParse(rawInput);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `Invalid input for ${opName}: ${describeIssues(parsed.error)}` },
    };
  }
  try {
    const handler = (api as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[op.feature][
      op.method
    ];
    const value = await handler(parsed.data);
    const checked = op.output.safeParse(value);
    if (!checked.success) {
      // Our own bug, not the caller's: say so plainly rather than leaking a malformed object.
      const err = new GuardError(
        'internal',
        `${opName} produced an invalid result (${describeIssues(checked.error)}).`,
      );
      report?.(opName, err, checked.error);
      return { ok: false, error: err.toJSON() };
    }
    return { ok: true, value: checked.data };
  } catch (cause) {
    const err = toGuardError(cause);
    if (err.code === 'internal') report?.(opName, err, cause);
    return { ok: false, error: err.toJSON() };
  }
}

export const knownOperations = (): string[] => [...operations.keys()];
