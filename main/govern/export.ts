// The governance log as the admin takes it away: CSV for a spreadsheet, JSON for a script.
// Every field of every action, with times in ISO 8601 UTC.
import type { GovernanceRecord } from '../store/governance-store';

export const EXPORT_COLUMNS = [
  'id',
  'requestedAt',
  'requestedBy',
  'automatic',
  'action',
  'targetId',
  'targetEmail',
  'targetName',
  'reason',
  'alertId',
  'state',
  'sentAt',
  'updatedAt',
  'attempts',
  'route',
  'note',
  'providerError',
  'retryOf',
  'revertOf',
] as const;

const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());

export function exportRow(r: GovernanceRecord): Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean> {
  return {
    id: r.id,
    requestedAt: iso(r.requestedAt),
    requestedBy: r.requestedBy,
    automatic: r.automatic,
    action: r.action,
    targetId: r.target.id,
    targetEmail: r.target.email ?? '',
    targetName: r.target.name,
    reason: r.reason,
    alertId: r.alertId ?? '',
    state: r.state,
    sentAt: iso(r.sentAt),
    updatedAt: iso(r.updatedAt),
    attempts: r.attempts,
    route: r.route ?? '',
    note: r.note ?? '',
    providerError: r.providerError ?? '',
    retryOf: r.retryOf ?? '',
    revertOf: r.revertOf ?? '',
  };
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs a cell as a formula. */
function csvCell(v: string | number | boolean): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function governanceCsv(records: GovernanceRecord[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of records) {
    const row = exportRow(r);
    lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function governanceJson(records: GovernanceRecord[]): string {
  return JSON.stringify(records.map(exportRow), null, 2) + '\n';
}
