// "What to do next" buttons for empty states: the demo, or connecting the real organisation.
import { Button, Loader, type ButtonProps } from '@mantine/core';
import { IconPlayerPlay, IconPlugConnected } from '@tabler/icons-react';
import { errorMessage, guard } from '../guard';
import { useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { toast } from '../stores/toasts';

export function DemoButton(props: ButtonProps) {
  const busy = useConnector((s) => s.busy);
  const run = useConnector((s) => s.run);
  const start = () =>
    run('demo', () => guard.connector.connectDemo()).then(
      () =>
        toast({
          tone: 'success',
          title: 'Connected to the demo community',
          message: 'The first sync is running; data appears as it arrives.',
        }),
      (e: unknown) => toast({ tone: 'error', title: 'The demo could not start', message: errorMessage(e) }),
    );
  return (
    <Button
      leftSection={busy === 'demo' ? <Loader size={14} color="white" /> : <IconPlayerPlay size={16} />}
      disabled={!!busy}
      onClick={start}
      {...props}
    >
      {busy === 'demo' ? 'Starting the demo community…' : 'Explore the demo community'}
    </Button>
  );
}

export function ConnectButton(props: ButtonProps) {
  const go = useNavigation((s) => s.go);
  return (
    <Button variant="default" leftSection={<IconPlugConnected size={16} />} onClick={() => go('connector')} {...props}>
      Connect your organisation
    </Button>
  );
}

/** Both, side by side, for when nothing is connected. */
export function ConnectActions() {
  return (
    <>
      <DemoButton />
      <ConnectButton />
    </>
  );
}
