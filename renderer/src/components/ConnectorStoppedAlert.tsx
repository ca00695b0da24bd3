// The one way the app says the connector stopped; each screen adds what to do about it there.
import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function ConnectorStoppedAlert({ children }: { children: ReactNode }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="The connector stopped"
      role="alert"
    >
      {children}
    </Alert>
  );
}
