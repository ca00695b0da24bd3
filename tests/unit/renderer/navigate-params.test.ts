// An OS notification's click sends 'app.navigate' with `{ alert: id }`: the params reach the
// navigation store (so the Alerts screen opens that alert), and only a well-formed id is taken.
import { afterEach, describe, expect, it } from 'vitest';
import { linkedAlertId, withoutAlertLink } from '../../../renderer/src/components/AlertLink';
import { followNavigationEvents, useNavigation } from '../../../renderer/src/stores/navigation';
import { installBridge } from './support/in-memory-bridge';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
  useNavigation.setState({ screen: 'dashboard', params: {}, leaveBlock: null, pendingLeave: null });
});

describe('app.navigate params', () => {
  it("carries a notification's alert id into the store, and a second alert replaces the first", () => {
    const bridge = installBridge();
    cleanup.push(bridge.remove);
    cleanup.push(followNavigationEvents());
    bridge.push('app.navigate', { screen: 'alerts', params: { alert: 'AL-000007' } });
    expect(useNavigation.getState()).toMatchObject({ screen: 'alerts', params: { alert: 'AL-000007' } });
    expect(linkedAlertId(useNavigation.getState().params)).toBe('AL-000007');
    bridge.push('app.navigate', { screen: 'alerts', params: { alert: 'AL-000008' } });
    expect(linkedAlertId(useNavigation.getState().params)).toBe('AL-000008');
  });

  it('a navigate without params clears the previous ones', () => {
    const bridge = installBridge();
    cleanup.push(bridge.remove);
    cleanup.push(followNavigationEvents());
    bridge.push('app.navigate', { screen: 'alerts', params: { alert: 'AL-000001' } });
    bridge.push('app.navigate', { screen: 'alerts' });
    expect(useNavigation.getState().params).toEqual({});
  });

  it('takes only a well-formed id, and back to the queue drops the link but keeps the filter', () => {
    expect(linkedAlertId({})).toBeNull();
    expect(linkedAlertId({ alert: '' })).toBeNull();
    expect(linkedAlertId({ alert: '<script>' })).toBeNull();
    expect(linkedAlertId({ alert: 'x'.repeat(201) })).toBeNull();
    expect(withoutAlertLink({ alert: 'AL-1', severity: 'high' })).toEqual({ severity: 'high' });
  });
});
