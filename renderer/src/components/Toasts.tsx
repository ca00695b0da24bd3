import { Notification, Portal, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useToasts } from '../stores/toasts';

const tone = {
  success: { color: 'teal', icon: <IconCheck size={18} /> },
  error: { color: 'red', icon: <IconAlertTriangle size={18} /> },
  info: { color: 'indigo', icon: <IconInfoCircle size={18} /> },
} as const;

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  if (toasts.length === 0) return null;
  return (
    <Portal>
      <Stack gap="sm" pos="fixed" bottom={20} right={20} w={380} style={{ zIndex: 1000 }} aria-live="polite">
        {toasts.map((t) => (
          <Notification
            key={t.id}
            color={tone[t.tone].color}
            icon={tone[t.tone].icon}
            title={t.title}
            onClose={() => dismiss(t.id)}
            closeButtonProps={{ 'aria-label': `Dismiss: ${t.title}` }}
            withBorder
            role={t.tone === 'error' ? 'alert' : 'status'}
          >
            {t.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
