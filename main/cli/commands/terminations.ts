// workplace-guard terminations import FILE — a CSV of email,date (an optional header line), for
// the terminated-user policy. All or nothing: one bad row refuses the file with its line numbers,
// so a half-imported list never silently misses someone.
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../store/index';
import { storeLayout } from '../../store/layout';
import { LowTerminationStore, type Termination } from '../../store/termination-store';
import type { CorruptionReport, Store } from '../../store/types';
import { CliError, type Command } from '../command';

const USAGE = 'terminations import FILE | terminations list';
const MAX_BYTES = 20 * 1024 * 1024;
const EMAIL = /^[^\s@",;]+@[^\s@",;]+\.[^\s@",;]+$/;

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).replace(/""/g, '"').trim() : f;
}

/** `2026-03-31`, `2026-03-31T17:00:00Z` (or any ISO 8601 with a zone), `31/03/2026` is refused as ambiguous. */
function parseDate(text: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const t = Date.parse(`${text}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(text) ? t : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const t = Date.parse(text);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

export function parseTerminationCsv(text: string, source: string, now: number): Termination[] {
  const rows: Termination[] = [];
  const bad: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim().length === 0 || raw.trim().startsWith('#')) return;
    const fields = raw.split(/[,;\t]/).map(unquote);
    if (i === 0 && /e-?mail/i.test(fields[0] ?? '') && !EMAIL.test(fields[0])) return; // header
    const [email, date] = fields;
    const at = date ? parseDate(date) : null;
    if (fields.length < 2 || !EMAIL.test(email) || email.length > 320 || at === null) {
      if (bad.length < 5) bad.push(`line ${i + 1} ("${raw.slice(0, 60)}")`);
      else if (bad.length === 5) bad.push('…');
      return;
    }
    rows.push({ email: email.toLowerCase(), terminatedAt: at, importedAt: now, source });
  });
  if (bad.length > 0) {
    throw new CliError(
      `Nothing imported: expected "email,date" rows with dates like 2026-03-31; not readable: ${bad.join(', ')}`,
    );
  }
  if (rows.length === 0) throw new CliError('Nothing imported: the file has no "email,date" rows');
  return rows;
}

async function openTerminations(dataDir: string): Promise<{ store: Store; list: LowTerminationStore }> {
  const store = await openStore(dataDir);
  const meta = store.meta as Store['meta'] & { addCorruption?: (r: CorruptionReport) => Promise<void> };
  try {
    const list = await LowTerminationStore.open(storeLayout(dataDir), async (r) => {
      process.stderr.write(`workplace-guard: ${r.message}\n`);
      await meta.addCorruption?.(r);
    });
    return { store, list };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export const terminationsCommand: Command = {
  name: 'terminations',
  summary: 'Import the HR termination list (CSV of email,date) for the terminated-user policy',
  usage: `${USAGE} [--json]`,
  options: {},
  async run(ctx) {
    const [action, file, ...extra] = ctx.positionals;
    if (extra.length > 0 || !['import', 'list'].includes(action ?? '') || (action === 'import' && !file)) {
      throw new CliError(`Usage: workplace-guard ${USAGE}`, 2);
    }
    let rows: Termination[] = [];
    if (action === 'import') {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        throw new CliError(`Cannot read ${file}: no such file`);
      }
      if (!stat.isFile()) throw new CliError(`${file} is not a file`);
      if (stat.size > MAX_BYTES) throw new CliError(`${file} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
      rows = parseTerminationCsv(fs.readFileSync(file, 'utf8'), path.basename(file), Date.now());
    }
    const { store, list } = await openTerminations(ctx.dataDir);
    try {
      if (action === 'list') {
        const all = list.list();
        if (ctx.json) ctx.out(JSON.stringify(all));
        else {
          for (const t of all)
            ctx.out(`${t.email}\t${new Date(t.terminatedAt).toISOString().slice(0, 10)}\t${t.source}`);
          ctx.out(`${all.length} termination${all.length === 1 ? '' : 's'}`);
        }
        return 0;
      }
      const result = await list.upsertMany(rows);
      const summary = { imported: rows.length, ...result, total: list.list().length };
      ctx.out(
        ctx.json
          ? JSON.stringify(summary)
          : `Imported ${rows.length} terminations (${result.added} new, ${result.updated} updated); ` +
              `${summary.total} in total`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
