import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconLock, IconPlayerStop, IconPlugConnectedX, IconRefresh, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectorStatus } from '../../../preload/contract';
import { ConnectionDetails } from '../components/ConnectionDetails';
import { DemoButton } from '../components/ConnectActions';
import { ConnectForms, type ConnectMethod } from '../components/ConnectForms';
import { PageHeader } from '../components/PageHeader';
import { QuarantineBanner } from '../components/QuarantineBanner';
import { ErrorAlert, LoadingRows } from '../components/States';
import { ConnectorPermissions } from '../components/ConnectorPermissions';
import { ConnectorStoppedAlert } from '../components/ConnectorStoppedAlert';
import { ConnectorSyncHistory } from '../components/ConnectorSyncHistory';
import { SyncProgressPanel } from '../components/SyncProgressPanel';
import { errorMessage, guard } from '../guard';
import { useConnector } from '../stores/connector';
import { ConsentPageLink } from '../components/ConsentPageLink';
import { toast } from '../stores/toasts';

type View = 'not_connected' | 'connected';

function viewOf(status: ConnectorStatus): View {
  return status.state === 'not_connected' ||
    status.state === 'disconnected' ||
    (status.state === 'error' && !status.organisation)
    ? // No organisation (a damaged sync state file lost it): the banner says why; connect again here.
      'not_connected'
    : 'connected';
}

export function ConnectorScreen() {
  const { status, loadError, refresh } = useConnector();
  // While a connect runs the screen stays as it was: the form that started it must stay mounted
  // to show why it failed (a token refused), instead of flashing away and coming back blank.
  const [settled, setSettled] = useState<View | null>(null);
  const computed = status ? viewOf(status) : null;
  const connecting = status?.state === 'connecting';
  if (status && !connecting && computed !== settled) setSettled(computed);
  const view = connecting && settled ? settled : computed;
  return (
    <>
      <PageHeader
        title="Connector"
        description="How Workplace Guard reaches your organisation, and the state of its sync."
      />
      <QuarantineBanner mb="lg" />
      {loadError && !status ? (
        <ErrorAlert title="Could not read the connector status" error={loadError} onRetry={() => void refresh()} />
      ) : !status ? (
        <LoadingRows rows={5} />
      ) : view === 'not_connected' ? (
        <NotConnected status={status} />
      ) : (
        <Connected status={status} />
      )}
    </>
  );
}

const pendingByMethod: Record<string, [string, string]> = {
  consent: [
    'Waiting for consent',
    'Approve Workplace Guard on the Workplace consent page. Declining there cancels; it gives up after five minutes.',
  ],
  demo: ['Starting the demo community', 'Its server starts on this computer, then connects through its consent page.'],
  token: ['Checking the access token', 'Workplace Guard is asking Workplace which organisation this token belongs to.'],
  app_credentials: [
    'Checking the app credentials',
    'Workplace Guard is asking Workplace for a token with this App ID and App Secret.',
  ],
};

/** What a connect in progress is waiting for, named for the way it was started. */
function ConnectingAlert() {
  const busy = useConnector((s) => s.busy);
  const [title, body] = (busy && pendingByMethod[busy]) || [
    'Connecting to Workplace',
    'If a Workplace consent window is open, approve Workplace Guard there.',
  ];
  // Only a consent connect has a page to open (the browser host hands its address over).
  const consent = !busy || busy === 'consent' || busy === 'demo';
  return (
    <Alert color="blue" variant="light" icon={<Loader size={16} />} title={title} data-testid="connecting">
      {body}
      {consent && <ConsentPageLink />}
    </Alert>
  );
}

function NotConnected({ status }: { status: ConnectorStatus }) {
  return (
    <Stack gap="lg">
      {status.state === 'connecting' && <ConnectingAlert />}
      {status.state === 'disconnected' && (
        <Alert color="gray" variant="light" icon={<IconPlugConnectedX size={18} />} title="Disconnected">
          {status.organisation?.name ?? 'The organisation'} is disconnected. Everything synced before stays on this
          computer for offline review; nothing is fetched until you connect again.
        </Alert>
      )}
      <Card>
        <Group justify="space-between" wrap="nowrap" align="center">
          <Group wrap="nowrap" align="flex-start">
            <ThemeIcon size={44} radius="md" variant="light">
              <IconSparkles size={24} />
            </ThemeIcon>
            <Stack gap={4}>
              <Title order={2} size="h4">
                Explore the demo community
              </Title>
              <Text size="sm" c="dimmed" maw={560}>
                No Workplace at hand? A built-in Workplace-compatible server with a seeded organisation runs on this
                computer, and the whole console works against it. Nothing leaves your machine.
              </Text>
            </Stack>
          </Group>
          <DemoButton size="md" style={{ flexShrink: 0 }} />
        </Group>
      </Card>
      <Card>
        <Title order={2} size="h4" mb={4}>
          Connect your organisation
        </Title>
        <Text size="sm" c="dimmed" mb="lg">
          Choose one of three ways. Each gives read access to users and the security audit log; secrets stay in the main
          process (each field says where) and never come back to this screen.
        </Text>
        <ConnectForms />
      </Card>
    </Stack>
  );
}

function Connected({ status }: { status: ConnectorStatus }) {
  const run = useConnector((s) => s.run);
  const busy = useConnector((s) => s.busy);
  const [confirm, setConfirm] = useState(false);
  const [reconnect, setReconnect] = useState(false);
  const act = (label: string, op: () => Promise<ConnectorStatus>, failTitle: string) =>
    run(label, op).catch((e: unknown) => toast({ tone: 'error', title: failTitle, message: errorMessage(e) }));

  const running = status.progress.running;
  const reconnectMethod: ConnectMethod | null =
    status.method && status.method !== 'demo' ? (status.method as ConnectMethod) : null;

  return (
    <Stack gap="lg">
      {status.state === 'connecting' && <ConnectingAlert />}
      {status.state === 'error' && status.error && (
        <ConnectorStoppedAlert>
          <Stack gap="xs">
            <Text size="sm">{status.error.message}</Text>
            <Text size="sm">
              <Text span fw={600} size="sm">
                How to fix it:{' '}
              </Text>
              {status.error.fix}
            </Text>
            <Group gap="sm" mt={4}>
              {status.method === 'demo' ? (
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconRefresh size={14} />}
                  loading={busy === 'demo'}
                  onClick={() => act('demo', () => guard.connector.connectDemo(), 'Reconnect failed')}
                >
                  Reconnect
                </Button>
              ) : (
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconRefresh size={14} />}
                  onClick={() => setReconnect((r) => !r)}
                >
                  Reconnect
                </Button>
              )}
              <Button
                size="xs"
                variant="white"
                color="red"
                loading={busy === 'sync'}
                onClick={() => act('sync', () => guard.connector.syncNow(), 'Sync did not start')}
              >
                Try the sync again
              </Button>
            </Group>
          </Stack>
        </ConnectorStoppedAlert>
      )}
      {reconnect && (
        <Card>
          <Title order={2} size="h4" mb="md">
            Reconnect
          </Title>
          <ConnectForms initial={reconnectMethod ?? 'consent'} />
        </Card>
      )}
      {status.disabledFeatures.length > 0 && <DisabledFeatures features={status.disabledFeatures} />}

      <Card>
        <Group justify="space-between" mb="md">
          <Title order={2} size="h4">
            Connection
          </Title>
          <Group gap="sm">
            {running ? (
              <Button
                variant="default"
                leftSection={<IconPlayerStop size={16} />}
                loading={busy === 'cancel'}
                onClick={() => act('cancel', () => guard.connector.cancelSync(), 'Could not cancel the sync')}
              >
                Cancel sync
              </Button>
            ) : (
              <Button
                leftSection={<IconRefresh size={16} />}
                loading={busy === 'sync'}
                disabled={status.state === 'connecting'}
                onClick={() => act('sync', () => guard.connector.syncNow(), 'Sync did not start')}
              >
                Sync now
              </Button>
            )}
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconPlugConnectedX size={16} />}
              onClick={() => setConfirm(true)}
            >
              Disconnect
            </Button>
          </Group>
        </Group>
        <ConnectionDetails status={status} />
      </Card>

      <Card>
        <Title order={2} size="h4" mb="md">
          Sync progress
        </Title>
        <SyncProgressPanel progress={status.progress} />
      </Card>

      <Card>
        <Title order={2} size="h4" mb="md">
          Recent syncs
        </Title>
        <ConnectorSyncHistory />
      </Card>

      <Card>
        <Title order={2} size="h4" mb="md">
          Permissions
        </Title>
        <ConnectorPermissions />
      </Card>

      <Modal opened={confirm} onClose={() => setConfirm(false)} title="Disconnect this organisation?" centered>
        <Stack gap="md">
          <Text size="sm">
            Workplace Guard stops syncing{' '}
            {status.organisation ? <b>{status.organisation.name}</b> : 'this organisation'}.
          </Text>
          <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
            Your data is kept: every user and activity already synced stays on this computer for offline review.
          </Alert>
          <Divider />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Keep connected
            </Button>
            <Button
              color="red"
              loading={busy === 'disconnect'}
              onClick={() =>
                void act('disconnect', () => guard.connector.disconnect(), 'Could not disconnect').finally(() =>
                  setConfirm(false),
                )
              }
            >
              Disconnect
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function DisabledFeatures({ features }: { features: ConnectorStatus['disabledFeatures'] }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconLock size={18} />}
      title="Some features are off: a permission is missing"
    >
      <Text size="sm" mb="sm">
        Everything else works. Grant these permissions to the integration in Workplace, then reconnect.
      </Text>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Feature</Table.Th>
            <Table.Th>Missing permission</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {features.map((f) => (
            <Table.Tr key={`${f.feature}:${f.permission}`}>
              <Table.Td>{f.feature}</Table.Td>
              <Table.Td ff="monospace">{f.permission}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
