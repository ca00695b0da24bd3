// Activities as export text: CSV (one row per activity, spreadsheet-safe) or a JSON array. A page
// of rows at a time, so an export of any size streams through the facade in bounded calls.
import type { Activity } from '../../preload/contract';

export const CSV_COLUMNS = [
  'time_utc',
  'type',
  'event',
  'actor',
  'target',
  'ip',
  'country',
  'city',
  'asn',
  'as_org',
  'ip_tags',
  'device',
  'admin',
  'impersonated',
  'summary',
  'details',
  'id',
] as const;

/**
 * One CSV cell: quoted when it must be, and a value a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR at the start) is prefixed with an apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function deviceText(a: Activity): string | null {
  if (!a.device) return null;
  return [a.device.app, a.device.browser, a.device.os, a.device.type].filter(Boolean).join(' · ') || null;
}

export function csvRow(a: Activity): string {
  const details = Object.keys(a.details).length > 0 ? JSON.stringify(a.details) : null;
  return [
    new Date(a.at).toISOString(),
    a.type,
    a.event,
    a.actor,
    a.target,
    a.ip,
    a.country,
    a.city,
    a.asn,
    a.asOrg,
    a.ipTags.join(' '),
    deviceText(a),
    a.admin,
    a.impersonated,
    a.summary,
    details,
    a.id,
  ]
    .map(csvCell)
    .join(',');
}

/**
 * One page of the export: the opening with the first page, the closing with the last.
 * `rowsBefore` (rows earlier pages held) decides whether a JSON page starts with a separator.
 */
export function exportText(
  format: 'csv' | 'json',
  rows: Activity[],
  page: { first: boolean; last: boolean; rowsBefore: number },
): string {
  const { first, last, rowsBefore } = page;
  if (format === 'csv') {
    const lines = rows.map((a) => `${csvRow(a)}\r\n`).join('');
    return (first ? `${CSV_COLUMNS.join(',')}\r\n` : '') + lines;
  }
  const body = rows.map((a) => JSON.stringify({ ...a, time: new Date(a.at).toISOString() })).join(',\n');
  const lead = (first ? '[\n' : '') + (body && rowsBefore > 0 ? ',\n' : '');
  return lead + body + (last ? '\n]\n' : '');
}
