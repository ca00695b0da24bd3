// A few thousand malformed requests over raw sockets (loopback only, bounded in count, time
// and concurrency) against `workplace-guard serve` in its own process; afterwards the console
// still answers, nothing escaped the per-request catch, no request got a 500, the log stayed
// rate-limited, and the secret never reached it.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliJson, stopChild, tempDir } from '../../../support/cli';
import { malformedRequest, seededRandom } from './malformed-requests';
import { rawExchange, type RawAnswer } from './raw-http';

const REQUESTS = 3000;
const CONCURRENCY = 16;
/** The whole run stops sending at this bound, however far it got (a slow machine is not a failure). */
const RUN_BOUND_MS = 90_000;
const SEED = 0x5eed;

let child: ChildProcess;
let port: number;
let secret: string;
let stderr: () => string;

beforeAll(async () => {
  const started = await startCliJson<{ url: string; port: number }>(['--data-dir', tempDir(), '--json', 'serve']);
  child = started.child;
  port = started.first.port;
  secret = new URL(started.first.url).hash.replace('#secret=', '');
  stderr = started.stderr;
});
afterAll(async () => {
  if (child) await stopChild(child);
});

describe('browser host under a raw-socket fuzz', () => {
  it('answers or drops every malformed request and keeps serving', { timeout: RUN_BOUND_MS + 60_000 }, async () => {
    const rnd = seededRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () => malformedRequest(rnd, { port, secret }));
    const answers: RawAnswer[] = [];
    const stopAt = Date.now() + RUN_BOUND_MS;
    let next = 0;
    async function worker() {
      while (next < requests.length && Date.now() < stopAt && child.exitCode === null) {
        const bytes = requests[next++];
        answers.push(await rawExchange(port, bytes, 15_000, true));
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(child.exitCode, stderr()).toBeNull();
    expect(answers.length).toBeGreaterThan(0);
    // Every request was answered or closed; none hung until the client gave up.
    expect(answers.filter((a) => a.outcome === 'timeout')).toEqual([]);
    // A 500 means a request reached an exception: the fuzz must find none.
    expect(answers.filter((a) => a.status !== null && a.status >= 500)).toEqual([]);
    expect(answers.some((a) => a.status === 400)).toBe(true);
    expect(answers.some((a) => a.status === 431)).toBe(true);

    const res = await fetch(`http://127.0.0.1:${port}/api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-guard-secret': secret },
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);

    const log = stderr();
    expect(log).not.toMatch(/unhandled rejection|uncaught exception/);
    expect(log).not.toContain(secret);
    expect(log).toMatch(/host: refused /);
    // Thousands of refusals, a bounded number of lines: the log is rate-limited per kind.
    expect(log.split('\n').length).toBeLessThan(200);
  });
});
