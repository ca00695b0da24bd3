// A screen whose feature arrives in a later version: it still asks the engine (so real data
// shows up the day it exists) and otherwise says plainly what is missing and what to do now.
import { Button } from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { GuardError } from '../guard';
import { mayHaveData, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { ConnectActions } from './ConnectActions';
import { Empty, ErrorAlert, LoadingRows } from './States';
import type { Query } from './useGuardQuery';

export function FutureFeature<T>({
  query,
  what,
  emptyIcon,
  emptyTitle,
  emptyText,
  children,
}: {
  query: Query<T[]>;
  what: string;
  emptyIcon: ReactNode;
  emptyTitle: string;
  emptyText: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const status = useConnector((s) => s.status);
  const go = useNavigation((s) => s.go);
  const { data, error, loading, reload } = query;
  if (error && !isUnsupported(error))
    return <ErrorAlert title={`Could not load ${what}`} error={error} onRetry={reload} />;
  if (loading && !data) return <LoadingRows rows={4} />;
  if (data && data.length > 0) return <>{children(data)}</>;
  return (
    <Empty
      icon={emptyIcon}
      title={emptyTitle}
      actions={
        mayHaveData(status) ? (
          <Button variant="default" leftSection={<IconActivity size={16} />} onClick={() => go('activity')}>
            Review synced activity
          </Button>
        ) : (
          <ConnectActions />
        )
      }
    >
      {emptyText}
    </Empty>
  );
}

function isUnsupported(e: GuardError) {
  return e.code === 'unsupported' || e.code === 'unknown_operation';
}
