// Asks before leaving a screen with unsaved changes (Settings): the admin keeps editing or drops
// the changes knowingly, never loses them to a stray click, a jump key or Back.
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useNavigation } from '../stores/navigation';
import { navItems } from './nav';

export function RouteLeaveConfirm() {
  const pending = useNavigation((s) => s.pendingLeave);
  const reason = useNavigation((s) => s.leaveBlock);
  const confirmLeave = useNavigation((s) => s.confirmLeave);
  const cancelLeave = useNavigation((s) => s.cancelLeave);
  const target = pending ? (navItems.find((i) => i.id === pending.screen)?.label ?? pending.screen) : '';
  return (
    <Modal opened={!!pending} onClose={cancelLeave} title="Leave without saving?" centered>
      <Text size="sm" mb="lg">
        {reason ?? 'This screen has unsaved changes.'} Going to {target} drops them.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={cancelLeave} data-autofocus>
          Keep editing
        </Button>
        <Button color="red" onClick={confirmLeave}>
          Discard changes and leave
        </Button>
      </Group>
    </Modal>
  );
}

/** For a screen with a form: blocks leaving while `reason` is set, and lifts the block on unmount. */
export function useLeaveGuard(reason: string | null): void {
  const blockLeave = useNavigation((s) => s.blockLeave);
  useEffect(() => {
    blockLeave(reason);
    return () => blockLeave(null);
  }, [reason, blockLeave]);
}
