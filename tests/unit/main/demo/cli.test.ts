import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoServerCommand } from '../../../../main/cli/commands/demo-server';
import type { CliContext } from '../../../../main/cli/command';

describe('workplace-guard demo-server', () => {
  it('prints one JSON line with the connection details and serves until stopped', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'wg-demo-cli-'));
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    let printed!: (line: string) => void;
    const firstLine = new Promise<string>((r) => (printed = r));
    const ctx: CliContext = {
      dataDir: outDir,
      json: true,
      values: {
        users: '40',
        days: '10',
        seed: 'cli',
        faults: ['timestampFormat=iso'],
        'out-dir': outDir,
        now: '2026-05-15T12:00:00Z',
      },
      positionals: [],
      out: (line) => {
        lines.push(line);
        printed(line);
      },
      untilStopped: () => stopped,
    };
    const done = demoServerCommand.run(ctx);
    const info = JSON.parse(await firstLine);
    expect(Object.keys(info).sort()).toEqual(
      ['adminCenter', 'appId', 'appSecret', 'baseUrl', 'events', 'incidentsPath', 'integrationToken', 'users'].sort(),
    );
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.users).toBe(40);
    expect(info.incidentsPath).toBe(path.join(outDir, 'incidents.json'));
    const doc = JSON.parse(readFileSync(info.incidentsPath, 'utf8'));
    expect(doc.incidents.length).toBeGreaterThanOrEqual(15);
    for (const f of ['torExits', 'blocklist', 'corporateRanges', 'vpnRanges'])
      expect(existsSync(doc.fixtures[f]), f).toBe(true);
    expect(readFileSync(doc.fixtures.torExits, 'utf8')).toContain('185.220.101.33');
    const res = await fetch(`${info.baseUrl}/security_audit_logs?limit=1`, {
      headers: { authorization: `Bearer ${info.integrationToken}` },
    });
    const body = (await res.json()) as { data: Array<{ timestamp: string }> };
    expect(body.data[0].timestamp).toMatch(/\+0000$/);
    stop();
    expect(await done).toBe(0);
    expect(lines).toHaveLength(1);
    await expect(fetch(`${info.baseUrl}/community`)).rejects.toThrow();
  });

  it('rejects bad options with a usage error', async () => {
    const ctx = {
      dataDir: '',
      json: true,
      values: { users: 'many' },
      positionals: [],
      out: () => {},
      untilStopped: () => Promise.resolve(),
    } as CliContext;
    await expect(demoServerCommand.run(ctx)).rejects.toThrow(/--users/);
  });

  it('refuses an organisation too small for the scenario, naming the minimum', async () => {
    const ctx = {
      dataDir: '',
      json: true,
      values: { users: '30' },
      positionals: [],
      out: () => {},
      untilStopped: () => Promise.resolve(),
    } as CliContext;
    await expect(demoServerCommand.run(ctx)).rejects.toThrow(/--users must be an integer between 40 and/);
  });
});
