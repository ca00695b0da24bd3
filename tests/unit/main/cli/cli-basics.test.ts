import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, runCli, tempDir } from '../../../support/cli';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('workplace-guard CLI basics', () => {
  it('prints help with every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of [
      'serve',
      'doctor',
      'demo-server',
      'connect',
      'sync',
      'status',
      'users',
      'activities',
      'disconnect',
    ]) {
      expect(r.stdout).toContain(c);
    }
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 with one line on stderr for an unknown command', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
  });

  it('exits 2 for an unknown option, naming the usage', async () => {
    const r = await runCli(['doctor', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: workplace-guard doctor/);
  });

  it('exits 2 when --data-dir has no value', async () => {
    const r = await runCli(['--data-dir']);
    expect(r.code).toBe(2);
  });

  it('doctor --json reports the data directory, Electron, keyring and Chromium', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--json', 'doctor']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.dataDir).toBe(dir);
    expect(report.electron.package).toMatch(/^45\./);
    expect(report).toHaveProperty('keyring.cli');
    expect(report).toHaveProperty('chromium');
    // Either a binary path, or the reason it is missing: never silence.
    expect(Boolean(report.electron.binary) !== Boolean(report.electron.note)).toBe(true);
  });

  it('uses WORKPLACE_GUARD_DATA_DIR when no --data-dir is given', async () => {
    const dir = tempDir();
    const r = await runCli(['doctor', '--json'], { env: { WORKPLACE_GUARD_DATA_DIR: dir } });
    expect(JSON.parse(r.stdout).dataDir).toBe(dir);
  });

  // `workplace-guard users --json | head -c 1`, made deterministic: the reader is gone before the
  // command writes a byte, so its first write meets a closed pipe (EPIPE).
  it('exits 0 without a word when its output goes into a closed pipe', async () => {
    for (const args of [['users'], ['doctor']]) {
      const child = spawn(process.execPath, [BIN, '--data-dir', tempDir(), '--json', ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  });
});
