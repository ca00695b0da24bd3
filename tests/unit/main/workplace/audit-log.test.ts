import { describe, expect, it } from 'vitest';
import { auditLogUrl, parseAuditRecord } from '../../../../main/workplace/audit-log';

describe('audit log records', () => {
  it('parses the documented fields', () => {
    const raw = {
      id: 'e1',
      timestamp: '1769850900',
      event_id: '10001',
      event: 'Logged in',
      ip_address: '8.8.8.8',
      useragent: 'Mozilla/5.0',
      actor_username: 'a@x.com',
      target_username: 'a@x.com',
      extra_data: { summary: 'ok' },
    };
    const r = parseAuditRecord(raw);
    expect(r).toEqual({
      ok: true,
      event: {
        id: 'e1',
        at: 1769850900000,
        event: 'Logged in',
        ip: '8.8.8.8',
        userAgent: 'Mozilla/5.0',
        actor: 'a@x.com',
        target: 'a@x.com',
        summary: 'ok',
        extra: { summary: 'ok' },
        raw,
      },
    });
  });
  it('keeps missing fields as null and an unknown event name as-is', () => {
    const r = parseAuditRecord({ id: 7, timestamp: '2026-01-31T09:15:00+0000', event: 'Quantum Flux Detected' });
    expect(r.ok && r.event).toMatchObject({
      id: '7',
      event: 'Quantum Flux Detected',
      ip: null,
      actor: null,
      target: null,
      summary: null,
      userAgent: null,
    });
  });
  it('rejects records that cannot be placed, with the reason', () => {
    expect(parseAuditRecord({ timestamp: 1 })).toMatchObject({ ok: false, reason: 'missing id' });
    expect(parseAuditRecord({ id: 'x', timestamp: 'soon' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/timestamp/),
    });
    expect(parseAuditRecord('junk')).toMatchObject({ ok: false, reason: 'not an object' });
    expect(parseAuditRecord(null)).toMatchObject({ ok: false });
  });
  it('sends since/until as unix seconds, widened outward', () => {
    const u = auditLogUrl('http://h', { since: 1_500, until: 2_500 }, 1000);
    expect(u.pathname).toBe('/security_audit_logs');
    expect(u.searchParams.get('since')).toBe('1');
    expect(u.searchParams.get('until')).toBe('3');
    expect(u.searchParams.get('limit')).toBe('1000');
  });
});
