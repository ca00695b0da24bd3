// Reads a request body within bounds and never throws: a body that is too large, stalls, or is
// cut short by the client becomes a typed outcome the host answers (or, when the client is
// gone, only logs). Without this, one aborted upload rejected a promise nobody handled.
import type { IncomingMessage } from 'node:http';

export interface BodyLimits {
  maxBytes: number;
  /** The longest silence between two chunks before the body counts as stalled. */
  idleTimeoutMs: number;
}

export type BodyOutcome = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'stalled' | 'aborted' };

export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      req.off('data', onData);
      resolve(outcome);
    };
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => settle({ ok: false, reason: 'stalled' }), limits.idleTimeoutMs);
    };
    const onData = (chunk: Buffer) => {
      armIdle();
      size += chunk.length;
      // An oversize body is still drained (not kept) so the client reads its 413 instead of a
      // reset; the idle timeout and the server's request timeout bound how long that takes.
      if (size <= limits.maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    };
    req.on('data', onData);
    req.once('end', () =>
      settle(
        size > limits.maxBytes
          ? { ok: false, reason: 'too_large' }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    // 'error' carries the "aborted" reset; 'close' before 'end' is a client that went away.
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.once('close', () => settle({ ok: false, reason: 'aborted' }));
    armIdle();
  });
}
