// Who may call the console over IPC: the main frame of one of the app's own windows, showing
// the app's own origin. A pure function of the facts Electron reports about a message, so
// every refusal can be unit-tested and explained (main/electron/ipc.ts logs the reason).
import { isAppUrl } from './app-origin';

export interface SenderFacts {
  /** webContents id of the sender. */
  senderId: number;
  /** The sending frame; null when Electron no longer knows it (navigated away, destroyed). */
  frame: { url: string; isMainFrame: boolean } | null;
  /** webContents ids of the app's own windows. */
  trustedIds: readonly number[];
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: SenderRefusal };
export type SenderRefusal = 'no_frame' | 'subframe' | 'unknown_window' | 'foreign_origin';

export const SENDER_REFUSAL_TEXT: Record<SenderRefusal, string> = {
  no_frame: 'the sending frame is gone',
  subframe: 'it came from an embedded frame, not the main frame',
  unknown_window: 'it came from a window that is not one of the app’s own',
  foreign_origin: 'the frame shows a page outside the app’s origin',
};

export function judgeSender(facts: SenderFacts): SenderVerdict {
  if (!facts.frame) return { trusted: false, reason: 'no_frame' };
  if (!facts.frame.isMainFrame) return { trusted: false, reason: 'subframe' };
  if (!facts.trustedIds.includes(facts.senderId)) return { trusted: false, reason: 'unknown_window' };
  if (!isAppUrl(facts.frame.url)) return { trusted: false, reason: 'foreign_origin' };
  return { trusted: true };
}

/**
 * A URL as it may be written to a log: scheme, host and path only, bounded. The query and the
 * fragment are dropped because that is where tokens and secrets travel.
 */
export function urlForLog(raw: string): string {
  try {
    const url = new URL(raw);
    // Without a host (data:, javascript:, about:) the "path" is the content itself: not logged.
    const shown = url.host ? `${url.protocol}//${url.host}${url.pathname}` : `${url.protocol}…`;
    return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
  } catch {
    return '(not a URL)';
  }
}

/**
 * The warning written when a sender is refused, and the key it is rate-limited under (one line
 * per kind of refusal and page a minute). Names the operation, page, frame and window; never
 * the input, which may carry a secret, nor the page's query or fragment.
 */
export function refusalWarning(
  op: string,
  facts: SenderFacts,
  reason: SenderRefusal,
): { key: string; message: string } {
  const url = facts.frame ? urlForLog(facts.frame.url) : '(no frame)';
  const frame = facts.frame ? (facts.frame.isMainFrame ? 'main frame' : 'subframe') : 'frame gone';
  return {
    key: `${reason} ${url}`,
    message: `[ipc] refused ${op} from ${url} (${frame}, window ${facts.senderId}): ${SENDER_REFUSAL_TEXT[reason]}`,
  };
}
