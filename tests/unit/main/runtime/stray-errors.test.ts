// Errors nothing caught: a serving process logs them and lives on, a one-shot command prints
// one line and exits 1. Run in child processes, because the point is whether a process dies.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/cli';

const MODULE = path.join(ROOT, 'main', 'runtime', 'stray-errors.ts');

/** Runs `body` after installing the handlers in `mode`; `afterLog` runs once the first line is written. */
function runChild(mode: 'keep-serving' | 'exit', fault: string) {
  const script = `
    import { installStrayErrorHandlers } from ${JSON.stringify(MODULE)};
    let logged = 0;
    installStrayErrorHandlers({
      mode: ${JSON.stringify(mode)},
      name: 'probe',
      write: (line) => {
        process.stderr.write(line + '\\n');
        // Once the cause is logged, prove the process still runs its event loop.
        if (++logged === 1) setImmediate(() => process.stdout.write('alive\\n'));
      },
    });
    ${fault}
  `;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const REJECT = "Promise.reject(new Error('store write failed: EACCES'));";
const THROW = "setTimeout(() => { throw new Error('callback blew up'); }, 0);";

describe('stray error handlers', () => {
  it('keep-serving: an unhandled rejection is logged with its cause and the process lives on', async () => {
    const r = await runChild('keep-serving', REJECT);
    expect(r.stderr).toContain('probe: unhandled rejection (kept running): Error: store write failed: EACCES');
    expect(r.stdout).toBe('alive\n');
    expect(r.code).toBe(0);
  });

  it('keep-serving: an uncaught exception is logged and the process lives on', async () => {
    const r = await runChild('keep-serving', THROW);
    expect(r.stderr).toContain('probe: uncaught exception (kept running): Error: callback blew up');
    expect(r.stdout).toBe('alive\n');
    expect(r.code).toBe(0);
  });

  it('exit: a one-shot command prints one line and exits 1, without a stack trace', async () => {
    for (const fault of [REJECT, THROW]) {
      const r = await runChild('exit', fault);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^probe: unexpected error: Error: (store write failed: EACCES|callback blew up)\n$/);
      expect(r.stdout).toBe('');
    }
  });
});
