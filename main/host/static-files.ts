// Serves the built renderer: only files inside its folder, index.html with the bridge script
// injected before the bundle, everything else with its MIME type or not at all.
import fs from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { RENDERER_MIME } from '../security/renderer-policy';
import { bridgeScript } from './bridge-script';

export interface RendererFiles {
  /** Absolute, resolved folder of the built renderer. */
  dir: string;
  indexFile: string;
}

function injectBridge(html: string): string {
  // A classic script runs before the deferred module bundle, so window.guard exists first.
  const tag = '<script src="./guard-bridge.js"></script>';
  return html.includes('<head>') ? html.replace('<head>', `<head>\n    ${tag}`) : tag + html;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}

/** `decodedPath` comes from parseRequestTarget: already decoded, without NUL bytes. */
export async function serveRendererFile(res: ServerResponse, files: RendererFiles, decodedPath: string): Promise<void> {
  if (decodedPath === '/guard-bridge.js') {
    res.writeHead(200, { 'Content-Type': RENDERER_MIME['.js'] });
    res.end(bridgeScript());
    return;
  }
  const rel = decodedPath === '/' ? 'index.html' : decodedPath.slice(1);
  const file = path.resolve(files.dir, rel);
  if (!file.startsWith(files.dir + path.sep)) return notFound(res);
  let content: Buffer;
  try {
    content = await fs.readFile(file);
  } catch {
    // Missing, a folder, unreadable: all the same to a browser.
    return notFound(res);
  }
  res.writeHead(200, { 'Content-Type': RENDERER_MIME[path.extname(file)] ?? 'application/octet-stream' });
  res.end(file === files.indexFile ? injectBridge(content.toString('utf8')) : content);
}
