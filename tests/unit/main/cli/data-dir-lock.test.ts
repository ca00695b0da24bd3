// Two writers on one data directory: the second gets a clear "in use by process N" and
// changes nothing, instead of interleaving writes with the first.
import { describe, expect, it } from 'vitest';
import { runCli, startCliJson, stopChild, tempDir } from '../../../support/cli';

describe('one writer per data directory', () => {
  it('a CLI command on a directory the console holds fails naming the holder pid, works once released', async () => {
    const dir = tempDir();
    const served = await startCliJson<{ pid: number }>(['--data-dir', dir, '--json', 'serve']);
    try {
      const second = await runCli(['--data-dir', dir, 'status']);
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toContain(`in use by process ${served.first.pid}`);
    } finally {
      await stopChild(served.child);
    }
    const after = await runCli(['--data-dir', dir, 'status']);
    expect(after.code).toBe(0);
  });

  it('a lock left by a killed process is taken over', async () => {
    const dir = tempDir();
    const served = await startCliJson<{ pid: number }>(['--data-dir', dir, '--json', 'serve']);
    served.child.kill('SIGKILL');
    await new Promise((r) => served.child.once('exit', r));
    const after = await runCli(['--data-dir', dir, 'status']);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });
});
