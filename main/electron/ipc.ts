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
import { isAppUrl } from './app-protocol';

export function isTrustedSender(event: IpcMainInvokeEvent, trusted: () => WebContents[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false; // main frame only: no iframes
  if (!trusted().some((wc) => wc.id === event.sender.id)) return false;
  return isAppUrl(frame.url);
}

export function registerIpc(api: ConsoleApi, trusted: () => WebContents[], report?: Reporter): () => void {
  for (const op of operationNames) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${op}`, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, trusted)) {
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
