// One screen for every list whose feature the engine may not offer yet (alerts, governance,
// policies, posture): each screen is data — what it loads, its columns, what to say while it
// is empty — and this component does the rest. It still asks the engine, so real data shows
// up the day it exists, and otherwise says plainly what is missing and what to do now.
import { Button, Card, Table } from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { GuardError } from '../guard';
import { mayHaveData, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { ConnectActions } from './ConnectActions';
import { PageHeader } from './PageHeader';
import { Empty, ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

export type Column<T> = { header: string; cell: (item: T) => ReactNode; align?: 'right' };

export type FeatureList<T> = {
  title: string;
  description: string;
  /** Names the list in "Could not load …". */
  what: string;
  load: () => Promise<T[]>;
  columns: Column<T>[];
  empty: { icon: ReactNode; title: string; text: string };
};

export function FeatureListScreen<T extends { id: string }>({ list }: { list: FeatureList<T> }) {
  const query = useGuardQuery(list.load, []);
  return (
    <>
      <PageHeader title={list.title} description={list.description} />
      <FeatureListBody list={list} {...query} />
    </>
  );
}

function FeatureListBody<T extends { id: string }>({
  list,
  data,
  error,
  loading,
  reload,
}: {
  list: FeatureList<T>;
  data: T[] | undefined;
  error: GuardError | null;
  loading: boolean;
  reload(): void;
}) {
  const status = useConnector((s) => s.status);
  const go = useNavigation((s) => s.go);
  if (error && !isUnsupported(error))
    return <ErrorAlert title={`Could not load ${list.what}`} error={error} onRetry={reload} />;
  if (loading && !data) return <LoadingRows rows={4} />;
  if (data && data.length > 0) {
    return (
      <Card p={0}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              {list.columns.map((c) => (
                <Table.Th key={c.header} ta={c.align}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((item) => (
              <Table.Tr key={item.id}>
                {list.columns.map((c) => (
                  <Table.Td key={c.header} ta={c.align}>
                    {c.cell(item)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    );
  }
  return (
    <Empty
      icon={list.empty.icon}
      title={list.empty.title}
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
      {list.empty.text}
    </Empty>
  );
}

/** An engine without the feature yet is not an error to show: the empty state explains it. */
function isUnsupported(e: GuardError) {
  return e.code === 'unsupported' || e.code === 'unknown_operation';
}
