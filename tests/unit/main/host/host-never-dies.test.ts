// Each request that killed the browser host with one unauthenticated (or half-sent) request
// gets an answer (or, for a client that went away, a log line) and the host keeps serving.
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCliJson, stopChild, tempDir } from '../../../support/cli';
import { abortMidBody, rawExchange } from './raw-http';

let child: ChildProcess;
let port: number;
let secret: string;
let stderr: () => string;

beforeEach(async () => {
  const started = await startCliJson<{ url: string; port: number }>(['--data-dir', tempDir(), '--json', 'serve']);
  child = started.child;
  port = started.first.port;
  secret = new URL(started.first.url).hash.replace('#secret=', '');
  stderr = started.stderr;
});
afterEach(async () => {
  if (child) await stopChild(child);
});

/** Resolves when the host writes a stderr line matching `pattern`; rejects if it exits first. */
function hostSays(pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = stderr()
        .split('\n')
        .find((l) => pattern.test(l));
      if (line === undefined) return false;
      child.stderr!.off('data', check);
      child.off('exit', onExit);
      resolve(line);
      return true;
    };
    const onExit = (code: number | null) => {
      child.stderr!.off('data', check);
      reject(new Error(`the host exited (${code}) instead of logging ${pattern}:\n${stderr()}`));
    };
    if (check()) return;
    child.stderr!.on('data', check);
    child.once('exit', onExit);
  });
}

async function stillAnswers(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/call/app.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-guard-secret': secret },
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  expect(child.exitCode).toBeNull();
}

const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;

describe('the browser host survives what used to kill it', () => {
  it('answers a malformed percent-escape (GET /%C0%AF, what an <img> on any page can send) with 400', async () => {
    const answer = await rawExchange(port, get('/%C0%AF'));
    expect(answer).toEqual({ status: 400, outcome: 'answered' });
    await hostSays(/refused GET .*malformed/i);
    await stillAnswers();
  });

  it('answers an absolute-form target with a broken host with 400', async () => {
    const answer = await rawExchange(port, get('http://%zz/'));
    expect(answer).toEqual({ status: 400, outcome: 'answered' });
    await stillAnswers();
  });

  it('logs a client that aborts mid-body and keeps serving', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(500) });
    const head =
      `POST /api/call/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `X-Guard-Secret: ${secret}\r\nContent-Length: ${body.length}\r\n\r\n`;
    await abortMidBody(port, head, body.slice(0, 100));
    await hostSays(/request body .*cut short/i);
    await stillAnswers();
  });
});
