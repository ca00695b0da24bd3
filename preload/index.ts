// The bridge: exposes window.guard with one namespace per feature and nothing else (no raw
// ipcRenderer). No logic here: main validates every input and checks every sender.
import { contextBridge, ipcRenderer } from 'electron';
import { contract, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from './contract';

const guard: Record<string, unknown> = {};
for (const [feature, ops] of Object.entries(contract)) {
  const ns: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(ops)) {
    ns[method] = (input?: unknown) => ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${feature}.${method}`, input);
  }
  guard[feature] = ns;
}
guard.events = {
  on(name: string, listener: (payload: unknown) => void): () => void {
    const handler = (_e: unknown, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('guard', guard);
