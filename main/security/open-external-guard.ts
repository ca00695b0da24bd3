// The one check every "open in system browser" goes through. Only plain https links to a
// named host are allowed: no file:, javascript:, custom schemes (which can launch local
// programs), embedded credentials, raw IPs or loopback names.
import net from 'node:net';
import { GuardError } from '../runtime/errors';

export function vetExternalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GuardError('refused', 'That link is not a valid URL, so it was not opened.');
  }
  if (url.protocol !== 'https:') throw new GuardError('refused', 'Only https links are opened in the system browser.');
  if (url.username || url.password) throw new GuardError('refused', 'Links with embedded credentials are not opened.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) || host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
    throw new GuardError('refused', 'Only links to named internet hosts are opened in the system browser.');
  }
  return url.toString();
}
