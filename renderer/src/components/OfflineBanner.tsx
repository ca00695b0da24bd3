// Says so when the organisation cannot be reached (the last sync failed on the network, or this
// computer is offline): what is on screen is the data synced up to the last sync, every review
// screen keeps working on it, and governance actions wait in the queue until Workplace answers.
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatNumber } from '../format';
import { guard, onEvent } from '../guard';
import { organisationUnreachable, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { LocalTime } from './LocalTime';
import { useGuardQuery } from './useGuardQuery';
import { useNow } from './useNow';

function useSystemOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** How many governance actions are waiting to be sent, kept current by 'governance.result'. */
function useQueuedActions(active: boolean): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onEvent('governance.result', () => setVersion((v) => v + 1)), []);
  const queued = useGuardQuery(
    () => (active ? guard.governance.log({ states: ['queued', 'sending'], limit: 10_000 }) : Promise.resolve([])),
    [active, version],
  );
  return queued.data?.length ?? 0;
}

export function OfflineBanner() {
  const status = useConnector((s) => s.status);
  const online = useSystemOnline();
  const unreachable = organisationUnreachable(status, online);
  const queued = useQueuedActions(unreachable);
  const go = useNavigation((s) => s.go);
  const now = useNow();
  if (!unreachable || !status) return null;
  const who = status.organisation?.name ?? 'Your Workplace organisation';
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCloudOff size={18} />}
      title={online ? `${who} cannot be reached` : 'This computer is offline'}
      data-testid="offline-banner"
      mb="lg"
    >
      <Text size="sm">
        Showing what was synced
        {status.lastSyncAt !== null ? (
          <>
            {' '}
            up to the last sync,{' '}
            <LocalTime ms={status.lastSyncAt} span inherit fw={600} data-testid="offline-last-sync" /> (
            <LocalTime ms={status.lastSyncAt} format="relative" now={now} span inherit />)
          </>
        ) : (
          ' so far (no sync has finished yet)'
        )}
        . Every screen keeps working on it; the console tries again at the next sync.
      </Text>
      <Group gap="xs" mt={6}>
        <Text size="sm" data-testid="offline-queued">
          {queued === 0
            ? 'Governance actions you take now are queued and sent when Workplace answers again.'
            : `${formatNumber(queued)} governance action${queued === 1 ? ' is' : 's are'} queued, ` +
              'to be sent when Workplace answers again.'}
        </Text>
        {queued > 0 && (
          <Anchor component="button" size="sm" onClick={() => go('governance')}>
            See the queue
          </Anchor>
        )}
      </Group>
    </Alert>
  );
}
