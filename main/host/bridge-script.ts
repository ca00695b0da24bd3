// The script the browser host serves as /guard-bridge.js, injected before the renderer bundle.
// It defines window.guard with the same shape the Electron preload exposes (per-feature
// namespaces returning envelopes, plus events.on), so the renderer bundle is identical in
// both worlds. The per-launch secret arrives in the URL fragment (never sent to the server,
// never in logs or Referer), moves to sessionStorage, and the fragment is erased. A browser the
// host started itself gets a one-time launch token in the fragment instead (its command line is
// public): the page trades it for the secret once, before any call goes out.
import { contract } from '../../preload/contract';

export function bridgeScript(): string {
  const features: Record<string, string[]> = {};
  for (const [feature, ops] of Object.entries(contract)) features[feature] = Object.keys(ops);
  return `(() => {
  'use strict';
  const FEATURES = ${JSON.stringify(features)};
  const KEY = 'workplace-guard.secret';
  const given = /(?:^#|&)secret=([A-Za-z0-9_-]{16,128})/.exec(location.hash);
  const launch = /(?:^#|&)launch=([A-Za-z0-9_-]{16,128})/.exec(location.hash);
  if (given || launch) history.replaceState(null, '', location.pathname + location.search);
  if (given) sessionStorage.setItem(KEY, given[1]);
  let launchFailure = null;
  const ready = launch
    ? fetch('./api/launch', { method: 'POST', headers: { 'x-guard-launch': launch[1] } })
        .then((res) => res.json())
        .then((envelope) => {
          if (envelope && envelope.ok) sessionStorage.setItem(KEY, envelope.value.secret);
          else launchFailure = (envelope && envelope.error) || null;
        })
        .catch((e) => {
          launchFailure = { code: 'network', message: 'The console host is not reachable (' + (e && e.message) + ').' };
        })
    : Promise.resolve();
  const secret = () => sessionStorage.getItem(KEY) || '';
  async function call(op, input) {
    await ready;
    if (!secret() && launchFailure) return { ok: false, error: launchFailure };
    try {
      const res = await fetch('./api/call/' + op, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-guard-secret': secret() },
        body: input === undefined ? undefined : JSON.stringify(input),
      });
      return await res.json();
    } catch (e) {
      const message = 'The console host is not reachable (' + (e && e.message) + ').';
      return { ok: false, error: { code: 'network', message } };
    }
  }
  const listeners = new Map();
  function emit(name, payload) {
    for (const fn of listeners.get(name) || []) {
      try { fn(payload); } catch (e) { console.error(e); }
    }
  }
  let retryMs = 500;
  async function stream() {
    try {
      await ready;
      const res = await fetch('./api/events', { headers: { 'x-guard-secret': secret() } });
      if (!res.ok || !res.body) throw new Error('status ' + res.status);
      retryMs = 500;
      emit('host.connected', null);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = null, data = '';
          for (const line of block.split('\\n')) {
            if (line.startsWith('event: ')) name = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (name) emit(name, data ? JSON.parse(data) : null);
        }
      }
    } catch (e) {
      /* reconnect below */
    }
    setTimeout(stream, retryMs);
    retryMs = Math.min(retryMs * 2, 10000);
  }
  const guard = {};
  for (const feature of Object.keys(FEATURES)) {
    const ns = {};
    for (const method of FEATURES[feature]) ns[method] = (input) => call(feature + '.' + method, input);
    guard[feature] = Object.freeze(ns);
  }
  guard.events = Object.freeze({
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      return () => listeners.get(name).delete(fn);
    },
  });
  Object.defineProperty(window, 'guard', { value: Object.freeze(guard), writable: false, configurable: false });
  stream();
})();
`;
}
