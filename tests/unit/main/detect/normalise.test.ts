import { describe, expect, it } from 'vitest';
import { liftDetails, normaliseEvent, normaliseEventName } from '../../../../main/detect/normalise';

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

describe('coverage of workplace-api.md', () => {
  // Every event name listed in shared/reference/workplace-api.md ("Event names seen in Workplace's
  // security log and real integrations"), spelled as there, slashes expanded.
  const LISTED = [
    'Logged in',
    'User login',
    'Login',
    'Login Failed',
    'Logged out',
    'Forced Logout',
    'Admin force log out',
    'Password Changed',
    'Password Reset Code Requested',
    'Password Reset Succeeded',
    'Password Reset Incorrect Code',
    'Forced Password Reset',
    'Two-Factor Authentication Enabled',
    'Two-Factor Authentication Disabled',
    'Two-Factor Code Entry Succeeded',
    'Two-Factor Code Entry Failed',
    'SSO Reauthentication',
    'Account at Risk',
    'Account Set To Unclaimed',
    'Account Deactivated',
    'Account Activated',
    'Account Deleted',
    'Account Created',
    'Admin Role Changed',
    'Admin Removed',
    'Admin Created',
    'Account Promoted to Admin',
    'New role assigned',
    'Email Changed',
    'Domain Added',
    'file upload',
    'file download',
    'integration installed',
    'integration removed',
  ];

  it.each(LISTED)('"%s" has a type, in any letter case', (name) => {
    const kind = normaliseEventName(name);
    expect(kind.type).not.toBe('other');
    expect(normaliseEventName(name.toUpperCase())).toEqual(kind);
    expect(normaliseEventName(name.toLowerCase())).toEqual(kind);
  });

  it('an unknown name is type other; the raw name is what the activity keeps in `event`', () => {
    expect(normaliseEventName('Quantum Badge Scanned')).toEqual({ type: 'other', admin: false });
    expect(normaliseEventName('')).toEqual({ type: 'other', admin: false });
    expect(normaliseEventName(null)).toEqual({ type: 'other', admin: false });
  });
});

describe('details lifted from extra_data', () => {
  it('names file, failure reason, target, role and login type; ignores the rest', () => {
    expect(
      liftDetails({
        summary: 'x',
        file_name: 'Board deck.pptx',
        reason: 'incorrect_password',
        target_name: 'Ana Ruiz',
        role: 'Billing admin',
        login_type: 'sso',
        nested: { file_name: 'no' },
      }),
    ).toEqual({
      fileName: 'Board deck.pptx',
      failureReason: 'incorrect_password',
      targetName: 'Ana Ruiz',
      role: 'Billing admin',
      loginType: 'sso',
    });
    expect(liftDetails({ summary: 'only a summary' })).toBeNull();
    expect(liftDetails(null)).toBeNull();
    expect(liftDetails({ filename: 'x'.repeat(1000) })!.fileName).toHaveLength(300);
    expect(liftDetails({ file_name: { evil: true }, error: 42 })).toEqual({ failureReason: '42' });
  });
});
