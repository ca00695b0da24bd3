// Registers every contract operation once, through one wrapper: the sender must be one of
// the app's own windows showing the app's own origin; the input is validated by dispatch().
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  operationNames,
  type ConsoleApi,
  type Envelope,
} from '../../preload/contract';
import { dispatch, type Reporter } from '../console/dispatch';
import type { GuardEvents } from '../runtime/events';
import { createRateLimitedLog, type RateLimitedLog } from '../runtime/rate-limited-log';
import { judgeSender, refusalWarning, type SenderFacts } from './trusted-sender';

/** What Electron knows about the sender of one message, for the pure check. */
function senderFacts(event: IpcMainInvokeEvent, trusted: () => WebContents[]): SenderFacts {
  const frame = event.senderFrame;
  return {
    senderId: event.sender.id,
    frame: frame ? { url: frame.url, isMainFrame: frame.parent === null } : null,
    trustedIds: trusted().map((wc) => wc.id),
  };
}

/** A refused caller may retry in a tight loop: one line per kind of refusal and origin a minute. */
const defaultRefusalLog = (): RateLimitedLog =>
  createRateLimitedLog({ intervalMs: 60_000, log: (line) => console.warn(line) });

export function registerIpc(
  api: ConsoleApi,
  trusted: () => WebContents[],
  report?: Reporter,
  refusals: RateLimitedLog = defaultRefusalLog(),
): () => void {
  for (const op of operationNames) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${op}`, async (event, input: unknown): Promise<Envelope<unknown>> => {
      const facts = senderFacts(event, trusted);
      const verdict = judgeSender(facts);
      if (!verdict.trusted) {
        const { key, message } = refusalWarning(op, facts, verdict.reason);
        refusals.warn(key, message);
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call the console.' } };
      }
      return dispatch(api, op, input, report);
    });
  }
  return () => operationNames.forEach((op) => ipcMain.removeHandler(`${IPC_INVOKE_PREFIX}${op}`));
}

export function forwardEvents(events: GuardEvents, trusted: () => WebContents[]): () => void {
  return events.onAny((name, payload) => {
    for (const wc of trusted()) if (!wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, name, payload);
  });
}
