// What the Connector screen and the shell say about time and sync (issue 11 reqs 4, 7): "Next
// sync" only names a time when a sync will start then; the first-sync bar fills step by step;
// the offline banner's condition; UTC on hover.
import { describe, expect, it } from 'vitest';
import type { ConnectorStatus, SyncProgress } from '../../../preload/contract';
import { stepShares, USERS_SHARE } from '../../../renderer/src/components/sync-steps';
import { formatUtc } from '../../../renderer/src/format';
import { nextSyncText, organisationUnreachable } from '../../../renderer/src/stores/connector';

const NOW = Date.UTC(2026, 5, 12, 12, 0, 0);
const progress = (patch: Partial<SyncProgress> = {}): SyncProgress => ({
  running: false,
  phase: 'done',
  users: 10,
  activities: 100,
  quarantined: 0,
  ratePerSec: 0,
  etaSec: null,
  startedAt: null,
  ...patch,
});
const status = (patch: Partial<ConnectorStatus> = {}): ConnectorStatus => ({
  state: 'connected',
  method: 'token',
  organisation: { id: 'o', name: 'Org' },
  apiBase: null,
  error: null,
  disabledFeatures: [],
  lastSyncAt: NOW - 60_000,
  nextSyncAt: NOW + 15 * 60_000,
  lastActivityAt: null,
  progress: progress(),
  ...patch,
});

describe('Next sync', () => {
  it('names the time when a sync will start then', () => {
    expect(nextSyncText(status(), NOW)).toEqual({ kind: 'time', at: NOW + 15 * 60_000 });
  });
  it('never names a time that is not true', () => {
    const text = (s: ConnectorStatus) => {
      const n = nextSyncText(s, NOW);
      return n.kind === 'text' ? n.text : `time ${n.at}`;
    };
    expect(text(status({ progress: progress({ running: true, phase: 'activities' }) }))).toBe('Running now');
    expect(text(status({ state: 'error', error: { code: 'token_invalid', message: 'x', fix: 'y' } }))).toMatch(
      /^Paused until you reconnect/,
    );
    expect(text(status({ state: 'disconnected', nextSyncAt: NOW + 1000 }))).toBe('None: disconnected');
    expect(text(status({ state: 'not_connected' }))).toBe('None: not connected');
    expect(text(status({ nextSyncAt: NOW - 1000 }))).toBe('Due now');
    expect(text(status({ nextSyncAt: null }))).toBe('Not scheduled yet');
    // A network error is retried on the timer, so its next time is true.
    expect(nextSyncText(status({ state: 'error', error: { code: 'network', message: 'x', fix: 'y' } }), NOW).kind).toBe(
      'time',
    );
  });
});

describe('the first-sync bar', () => {
  it('is empty while users are read, then fills with the share of the window covered', () => {
    expect(stepShares(progress({ running: true, phase: 'users' })).total).toBe(0);
    // Activity is read alongside the users: its share moves while the users step still runs.
    expect(stepShares(progress({ running: true, phase: 'users', windowFraction: 0.5 }))).toEqual({
      users: 0,
      activities: (100 - USERS_SHARE) / 2,
      total: Math.floor((100 - USERS_SHARE) / 2),
    });
    expect(stepShares(progress({ running: true, phase: 'activities', windowFraction: null })).total).toBe(USERS_SHARE);
    expect(stepShares(progress({ running: true, phase: 'activities', windowFraction: 0.5 })).total).toBe(
      Math.floor(USERS_SHARE + (100 - USERS_SHARE) / 2),
    );
    expect(stepShares(progress({ running: true, phase: 'activities', windowFraction: 1 })).total).toBe(100);
    expect(stepShares(progress({ phase: 'done' })).total).toBe(100);
  });
  it('never reads 100 % while activity is still to come', () => {
    for (const f of [0, 0.1, 0.9, 0.99, 0.9999]) {
      expect(stepShares(progress({ running: true, phase: 'activities', windowFraction: f })).total).toBeLessThan(100);
    }
  });
});

describe('offline and time', () => {
  it('calls the organisation unreachable on a network failure or an offline system, never when not connected', () => {
    const network = status({ state: 'error', error: { code: 'network', message: 'x', fix: 'y' } });
    expect(organisationUnreachable(network, true)).toBe(true);
    expect(organisationUnreachable(status(), false)).toBe(true);
    expect(organisationUnreachable(status(), true)).toBe(false);
    expect(
      organisationUnreachable(
        status({ state: 'error', error: { code: 'token_invalid', message: 'x', fix: 'y' } }),
        true,
      ),
    ).toBe(false);
    expect(organisationUnreachable(status({ state: 'not_connected' }), false)).toBe(false);
    expect(organisationUnreachable(null, false)).toBe(false);
  });
  it('shows the same instant in UTC for the hover', () => {
    expect(formatUtc(Date.UTC(2026, 5, 12, 14, 3, 22))).toBe('2026-06-12 14:03:22 UTC');
    expect(formatUtc(null)).toBe('—');
    expect(formatUtc(Number.NaN)).toBe('—');
  });
});
