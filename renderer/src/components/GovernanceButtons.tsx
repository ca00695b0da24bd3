// The governance buttons shown wherever a user appears (user page, activity drawer, alert
// page). Each opens the one confirmation dialog; nothing is sent from a single click.
import { Button, Group } from '@mantine/core';
import { IconBan, IconLogout, IconMessage, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { GovernanceDialog, type GovernanceRequest } from './GovernanceDialog';

export function GovernanceButtons({
  user,
  active,
  reason,
  alertId,
}: {
  /** User id or username. */
  user: string;
  /** Current state as last synced: decides Suspend or Unsuspend. */
  active: boolean;
  reason?: string;
  alertId?: string;
}) {
  const [request, setRequest] = useState<GovernanceRequest | null>(null);
  const open = (action: GovernanceRequest['action']) => setRequest({ action, user, reason, alertId });
  return (
    <>
      <Group gap="xs" aria-label="Response actions">
        {active ? (
          <Button size="xs" color="red" leftSection={<IconBan size={14} />} onClick={() => open('suspend')}>
            Suspend
          </Button>
        ) : (
          <Button size="xs" variant="light" leftSection={<IconUserCheck size={14} />} onClick={() => open('unsuspend')}>
            Unsuspend
          </Button>
        )}
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconLogout size={14} />}
          onClick={() => open('signout')}
        >
          Sign out everywhere
        </Button>
        <Button size="xs" variant="light" leftSection={<IconMessage size={14} />} onClick={() => open('notify')}>
          Notify
        </Button>
      </Group>
      <GovernanceDialog request={request} onClose={() => setRequest(null)} />
    </>
  );
}
