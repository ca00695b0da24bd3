// Raw HTTP over node:net, for requests no HTTP client will send (broken escapes, absolute-form
// targets, bodies cut short). Loopback only; every exchange is bounded by a socket timeout.
import net from 'node:net';

export interface RawAnswer {
  /** The status code of the answer, or null when the host closed or reset without answering. */
  status: number | null;
  /** 'answered', 'closed' (no status line before close), or 'timeout' (nothing within the bound). */
  outcome: 'answered' | 'closed' | 'timeout';
}

/**
 * Sends `bytes` to 127.0.0.1:port and resolves with the first status line's code. With
 * `halfClose`, the client ends its side after writing, so a request cut short is answered (or
 * dropped) at once instead of waiting out the host's timeouts.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  timeoutMs = 5_000,
  halfClose = false,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = '';
    let settled = false;
    const settle = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => settle({ status: null, outcome: 'timeout' }));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (m) settle({ status: Number(m[1]), outcome: 'answered' });
    });
    socket.on('error', () => settle({ status: null, outcome: 'closed' }));
    socket.on('close', () => settle({ status: null, outcome: 'closed' }));
    socket.on('connect', () => (halfClose ? socket.end(bytes) : socket.write(bytes)));
  });
}

/** Sends the headers and the first part of a body, then resets the connection mid-body. */
export function abortMidBody(port: number, head: string, partialBody: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    // Written, then reset once the bytes have left this process: the host sees a body cut short.
    socket.on('connect', () => socket.write(head + partialBody, () => socket.resetAndDestroy()));
  });
}
