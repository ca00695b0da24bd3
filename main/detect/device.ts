// Device from the user agent (detections.md "Activity model": browser, OS, device type), with
// ua-parser-js 1.0.x (MIT; the 2.x line is AGPL and must not be bundled), plus what the
// parser does not know: the Workplace desktop and mobile apps by name, and scripts and
// headless browsers as `bot`. Audit logs repeat a few hundred user agents, so results are cached.
import UAParser from 'ua-parser-js';
import type { ActivityDevice } from '../store/types';

const WORKPLACE_APPS: [RegExp, string][] = [
  // The Electron desktop app: "... Workplace/1.0.170 Chrome/... Electron/..." (also "Workplace Chat").
  [/\bWorkplace(?:Chat| Chat)?\/[\d.]+.*\bElectron\//i, 'Workplace desktop app'],
  [/\bWorkplaceChat\b|\bWorkplace Chat\b/i, 'Workplace Chat'],
  // Meta's in-app user agents name the app in FBAN; Workplace's apps are the "Work" ones.
  [/\[FBAN\/(?:FBWork|Work[A-Za-z]*|Workplace[A-Za-z]*)[;\]]/i, 'Workplace mobile app'],
  [/\bcom\.facebook\.work\b/i, 'Workplace mobile app'],
];

const DESKTOP_OS = /^(windows|mac ?os|linux|ubuntu|debian|fedora|chrom(e|ium) ?os|freebsd|openbsd|netbsd|solaris)/i;
// Scripts, HTTP libraries, crawlers and headless browsers: no person at a screen.
const BOT = new RegExp(
  [
    String.raw`bot\b|crawler|spider|headlesschrome|phantomjs`,
    String.raw`python-requests|python-urllib|aiohttp|curl\/|wget\/|okhttp|go-http-client|java\/|libwww`,
    String.raw`node-fetch|axios\/|postmanruntime|powershell`,
    // "(+https://vendor.example/bot)" is how crawlers and integrations identify themselves.
    String.raw`\(\+https?:\/\/`,
  ].join('|'),
  'i',
);

const MAX_UA = 1024;

export function parseDevice(userAgent: string | null | undefined): ActivityDevice | null {
  if (!userAgent) return null;
  const ua = userAgent.slice(0, MAX_UA);
  const r = new UAParser(ua).getResult();
  const app = WORKPLACE_APPS.find(([re]) => re.test(ua))?.[1] ?? null;
  const browser = r.browser.name ?? null;
  const os = r.os.name ? (r.os.version ? `${r.os.name} ${r.os.version}` : r.os.name) : null;
  let type: ActivityDevice['type'];
  if (r.device.type === 'mobile') type = 'mobile';
  else if (r.device.type === 'tablet') type = 'tablet';
  else if (BOT.test(ua)) type = 'bot';
  else if (r.device.type) type = 'unknown';
  else if (app === 'Workplace mobile app') type = 'mobile';
  else if (os && DESKTOP_OS.test(os)) type = 'desktop';
  else type = 'unknown';
  return { browser, os, type, app };
}

/** parseDevice with a bounded cache (one per enricher). */
export function createDeviceParser(limit = 5_000): (userAgent: string | null | undefined) => ActivityDevice | null {
  const cache = new Map<string, ActivityDevice | null>();
  return (userAgent) => {
    if (!userAgent) return null;
    const hit = cache.get(userAgent);
    if (hit !== undefined) return hit;
    const d = parseDevice(userAgent);
    if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
    cache.set(userAgent, d);
    return d;
  };
}
