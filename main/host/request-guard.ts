// Who may talk to the browser host: only a page served by this host, on the loopback
// address, holding this launch's secret. Checking Host defeats DNS rebinding (an attacker's
// name resolving to 127.0.0.1 still sends its own name as Host); checking Origin defeats
// cross-site requests from other pages; the secret defeats other local users and processes.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface HostIdentity {
  port: number;
  secret: string;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`];
}

export function allowedOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function hostHeaderOk(req: IncomingMessage, id: HostIdentity): boolean {
  return allowedHosts(id.port).includes((req.headers.host ?? '').toLowerCase());
}

/** A request may omit Origin (same-origin GET); if present it must be ours exactly. */
export function originOk(req: IncomingMessage, id: HostIdentity): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === allowedOrigin(id.port);
}

export function secretOk(req: IncomingMessage, id: HostIdentity): boolean {
  const given = req.headers['x-guard-secret'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(id.secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function newSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}
