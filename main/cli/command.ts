// One CLI command = one file in main/cli/commands/ exporting a `Command`.
// Options are parsed with node:util parseArgs from `options`; global flags (--data-dir,
// --json, --help) are handled by main/cli/index.ts before `run` is called.
import type { ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliContext {
  /** Resolved data directory (global --data-dir, WORKPLACE_GUARD_DATA_DIR, or the per-user default). */
  dataDir: string;
  /** --json: machine output, one JSON document (or JSON lines for streams) on stdout. */
  json: boolean;
  /** Parsed options of this command. */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** Write human or JSON output; the CLI owns stdout. */
  out(line: string): void;
  /** Resolves when the user presses Ctrl-C / the process gets SIGTERM (for long-running commands). */
  untilStopped(): Promise<void>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: CliOptions;
  /**
   * A command that serves until stopped (`serve`): when its stdout goes away (`| head -1` after
   * the URL) it keeps serving and stops writing, where a one-shot command exits quietly.
   */
  longRunning?: boolean;
  /** Returns the exit code: 0 ok, 1 failure (after printing one clear line to stderr via a thrown CliError). */
  run(ctx: CliContext): Promise<number | void>;
}

/**
 * Thrown for a failure the user can act on; the CLI prints `message` as one line on stderr and
 * exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
