// Moving a corrupt file aside. The file is renamed, never rewritten, so whatever is left in it
// can still be recovered by hand; the report says in plain words what was lost and which UTC
// range the sync must fetch again.
import fs from 'node:fs';
import path from 'node:path';
import type { CorruptionReport } from './types';
import { relativeName, type StoreLayout } from './layout';
import { mkdirPrivateSync } from './atomic-file';

export interface QuarantineRequest {
  file: string;
  /** What the file held, for a person: "The users file", "Activities of 2024-05-01 13:00–14:00 UTC". */
  what: string;
  cause: unknown;
  range: { since: number; until: number } | null;
  /** What happens next, for a person: "They will be fetched again at the next sync." */
  consequence: string;
}

export function describeCause(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

export function quarantineFile(layout: StoreLayout, req: QuarantineRequest, now = Date.now()): CorruptionReport {
  if (layout.readOnly) {
    // Nothing can be moved: the damage is reported and the file left where it is.
    const rel = relativeName(layout, req.file);
    return {
      file: rel,
      quarantinedAs: rel,
      range: req.range,
      at: now,
      message:
        `${req.what} could not be read (${describeCause(req.cause)}). ` +
        'It was left in place: the data directory is open read-only.',
    };
  }
  mkdirPrivateSync(layout.quarantine, { durable: layout.durable });
  const rel = relativeName(layout, req.file);
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = path.join(layout.quarantine, `${rel.replace(/\//g, '_')}.${stamp}.corrupt`);
  for (let n = 1; fs.existsSync(target); n++) target = target.replace(/(\.\d+)?\.corrupt$/, `.${n}.corrupt`);
  fs.renameSync(req.file, target);
  const quarantinedAs = relativeName(layout, target);
  return {
    file: rel,
    quarantinedAs,
    range: req.range,
    at: now,
    message:
      `${req.what} could not be read (${describeCause(req.cause)}). ` +
      `The file was moved to ${quarantinedAs}. ${req.consequence}`,
  };
}
