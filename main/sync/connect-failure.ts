// Why a connect failed and what to do, in words for the way the admin chose to connect. A token
// that Workplace refuses needs a new token, not "approve in the consent window"; app credentials
// that fail need the Admin Center, not a token. The error keeps its code (programs branch on it)
// and gains the fix in its one sentence, since a connect has no status error to carry it.
import type { ErrorCode } from '../../preload/contract';
import { GuardError } from '../runtime/errors';
import { FEATURES } from '../workplace/api-error';
import type { ConnectionMethod } from './connection';

const METHOD_NAME: Record<ConnectionMethod, string> = {
  token: 'the custom integration token',
  app_credentials: 'the Admin Center app credentials',
  consent: 'Add to Workplace (consent)',
  demo: 'the demo community',
};

/** Codes whose message already says everything, or that are not about the connection at all. */
const SELF_EXPLAINED: ErrorCode[] = ['invalid_input', 'busy', 'already_connected', 'unsupported'];

/** The fix for a connect that failed with `code` using `method`; null when the message says it already. */
export function connectFix(method: ConnectionMethod, code: ErrorCode): string | null {
  switch (code) {
    case 'token_invalid':
      if (method === 'token')
        return (
          'Copy the access token again from the Workplace Admin Panel (Integrations → your custom ' +
          'integration → Access token); if it was lost, create a new one there, then paste it here.'
        );
      if (method === 'app_credentials')
        return (
          'Check the App ID and create a new App Secret in the Workplace Admin Center (your app → ' +
          'Credentials), then enter both here.'
        );
      return 'Connect again and approve Workplace Guard in the consent window; the code it returned has expired.';
    case 'permission_missing':
      return (
        'In the Workplace Admin Panel (Integrations → your integration → Permissions), grant ' +
        `${Object.values(FEATURES)
          .map((f) => `“${f.permission}”`)
          .join(', ')}, save, then connect again.`
      );
    case 'network':
      return (
        'Check this computer’s network connection, and the API base URL if you set one (leave it empty ' +
        'for Workplace’s own servers), then connect again.'
      );
    case 'rate_limited':
      return 'Workplace is limiting calls right now: wait a few minutes, then connect again.';
    case 'refused':
      if (method === 'consent' || method === 'demo')
        return 'Click Add to Workplace again and choose Allow in the consent window; it waits up to five minutes.';
      return null;
    case 'not_found':
      return 'Check the API base URL: it should be the Graph API root (https://graph.workplace.com when empty).';
    case 'store_locked':
    case 'store_corrupt':
      return 'Close other copies of Workplace Guard that use this data directory, then connect again.';
    default:
      return method === 'demo' ? 'Restart Workplace Guard and choose Explore the demo community again.' : null;
  }
}

/** `err` (already a GuardError from the API layer) with what failed and the fix for `method`. */
export function explainConnectFailure(method: ConnectionMethod, err: GuardError): GuardError {
  if (SELF_EXPLAINED.includes(err.code) || err.otherOrganisation || /\bFix:/.test(err.message)) return err;
  const fix = connectFix(method, err.code);
  const message = err.message.trim().replace(/\.?$/, '.');
  const what = `Connecting with ${METHOD_NAME[method]} failed: ${message}`;
  return new GuardError(err.code, fix ? `${what} Fix: ${fix}` : what);
}
