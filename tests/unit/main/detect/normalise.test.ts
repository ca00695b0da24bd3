import { describe, expect, it } from 'vitest';
import { normaliseEvent, normaliseEventName } from '../../../../main/detect/normalise';

describe('event name normalisation', () => {
  it.each([
    ['Logged in', 'login.success', false],
    ['User login', 'login.success', false],
    ['LOGIN', 'login.success', false],
    ['Login Failed', 'login.failure', false],
    ['Logged out', 'logout', false],
    ['Forced Logout', 'logout.forced', true],
    ['Admin force log out', 'logout.forced', true],
    ['Password Changed', 'password.change', false],
    ['Password Reset Succeeded', 'password.reset', false],
    ['Forced Password Reset', 'password.reset.forced', true],
    ['Two-Factor Authentication Enabled', 'mfa.enable', false],
    ['Two-Factor Authentication Disabled', 'mfa.disable', false],
    ['Two-Factor Code Entry Failed', 'mfa.failure', false],
    ['Account Deactivated', 'account.deactivate', true],
    ['Account Promoted to Admin', 'admin.role.assign', true],
    ['New role assigned', 'admin.role.assign', true],
    ['Admin Removed', 'admin.role.remove', true],
    ['File Uploaded', 'file.upload', false],
    ['file download', 'file.download', false],
    ['Integration Installed', 'integration.install', true],
  ])('%s → %s', (name, type, admin) => {
    expect(normaliseEventName(name)).toEqual({ type, admin });
  });

  it('keeps unknown names as type other', () => {
    expect(normaliseEventName('Quantum Flux Detected')).toEqual({ type: 'other', admin: false });
    expect(normaliseEventName('')).toEqual({ type: 'other', admin: false });
  });

  it('marks a user-level action by another actor as impersonated, but not admin actions or self-actions', () => {
    const e = (
      event: string,
      actor: string | null,
      target: string | null,
      extra: Record<string, unknown> | null = null,
    ) => normaliseEvent({ event, actor, target, extra });
    expect(e('File Downloaded', 'files-sync@x.com', 'ann@x.com').impersonated).toBe(true);
    expect(e('File Downloaded', 'ann@x.com', 'ANN@x.com').impersonated).toBe(false);
    expect(e('Logged in', 'ann@x.com', null).impersonated).toBe(false);
    expect(e('Account Deactivated', 'admin@x.com', 'ann@x.com').impersonated).toBe(false);
    expect(e('Quantum', 'a', 'a', { impersonated: true }).impersonated).toBe(true);
  });
});
