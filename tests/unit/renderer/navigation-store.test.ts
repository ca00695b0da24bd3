// The navigation store's rules (issue 11 req 5): moving between screens, params replaced in
// place, and a screen with unsaved changes that is never left silently — the move is held as a
// question until the admin answers it. (The URL half runs in Chromium: tests/e2e-browser/shell.)
import { afterEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../../renderer/src/stores/navigation';

const nav = () => useNavigation.getState();

afterEach(() => {
  useNavigation.setState({ screen: 'dashboard', params: {}, leaveBlock: null, pendingLeave: null });
});

describe('navigation store', () => {
  it('goes to a screen with its params, and replaces params without changing screen', () => {
    nav().go('activity', { user: 'ann' });
    expect(nav()).toMatchObject({ screen: 'activity', params: { user: 'ann' } });
    nav().setParams({ user: 'bob' });
    expect(nav()).toMatchObject({ screen: 'activity', params: { user: 'bob' } });
  });

  it('holds a move away from unsaved changes as a question: stay keeps everything', () => {
    nav().go('settings');
    nav().blockLeave('Your changes to the settings are not saved.');
    nav().go('users');
    expect(nav()).toMatchObject({ screen: 'settings', pendingLeave: { screen: 'users', params: {} } });
    nav().cancelLeave();
    expect(nav()).toMatchObject({ screen: 'settings', pendingLeave: null, leaveBlock: expect.any(String) });
  });

  it('leaves when the admin confirms, dropping the block', () => {
    nav().go('settings');
    nav().blockLeave('unsaved');
    nav().go('alerts', { alert: 'AL-1' });
    nav().confirmLeave();
    expect(nav()).toMatchObject({ screen: 'alerts', params: { alert: 'AL-1' }, leaveBlock: null, pendingLeave: null });
  });

  it('does not block a change of params on the same screen', () => {
    nav().go('activity');
    nav().blockLeave('unsaved');
    nav().go('activity', { user: 'x' });
    expect(nav()).toMatchObject({ screen: 'activity', params: { user: 'x' }, pendingLeave: null });
  });
});
