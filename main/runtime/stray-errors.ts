// What happens to an error nothing caught (a rejected promise without a handler, a throw in a
// callback). Node's default is to die. A long-running console (the app, `serve`) must not: it
// logs the cause, rate-limited, and keeps serving — one stray failure in one sync must not take
// the admin's console down. A one-shot CLI command prints one line and exits 1, instead of
// a stack trace. Installing one mode replaces the other (a command may switch to serving).
import { createRateLimitedLog } from './rate-limited-log';

export type StrayErrorMode = 'keep-serving' | 'exit';

export interface StrayErrorOptions {
  mode: StrayErrorMode;
  /** Writes one line (no newline needed). */
  write: (line: string) => void;
  /** Prefix naming the process in each line, e.g. 'workplace-guard'. */
  name: string;
  /** Ends the process in 'exit' mode; process.exit by default (injected by tests). */
  exit?: (code: number) => void;
}

let installed: { rejection: (reason: unknown) => void; exception: (err: Error) => void } | null = null;

function firstLine(reason: unknown): string {
  const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  return text.split('\n')[0].slice(0, 300);
}

/** Installs (or replaces) the process-wide handlers; returns a function that removes them. */
export function installStrayErrorHandlers(opts: StrayErrorOptions): () => void {
  removeStrayErrorHandlers();
  const log = createRateLimitedLog({ intervalMs: 10_000, log: opts.write });
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const handle = (kind: string) => (reason: unknown) => {
    const cause = firstLine(reason);
    if (opts.mode === 'exit') {
      opts.write(`${opts.name}: unexpected error: ${cause}`);
      exit(1);
      return;
    }
    // The stack goes with the line: this is a bug to report, and the log is where it is found.
    const stack = reason instanceof Error && reason.stack ? `\n${reason.stack}` : '';
    log.warn(`${kind}:${cause}`, `${opts.name}: ${kind} (kept running): ${cause}${stack}`);
  };
  const current = { rejection: handle('unhandled rejection'), exception: handle('uncaught exception') };
  process.on('unhandledRejection', current.rejection);
  process.on('uncaughtException', current.exception);
  installed = current;
  return () => {
    if (installed === current) removeStrayErrorHandlers();
  };
}

export function removeStrayErrorHandlers(): void {
  if (!installed) return;
  process.off('unhandledRejection', installed.rejection);
  process.off('uncaughtException', installed.exception);
  installed = null;
}
