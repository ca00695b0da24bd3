// Export of everything the current filter matches, CSV or JSON, with no row limit: the engine
// hands it over a page at a time (one contract channel), the progress bar counts rows against
// the match count, and the file is saved as a download (Electron asks where, with its save
// dialog; a browser saves to its downloads folder).
import { Button, Group, Menu, Modal, Progress, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { ActivityFilter } from '../../../preload/contract';
import { formatNumber } from '../format';
import { errorMessage, guard } from '../guard';

type Format = 'csv' | 'json';
type Run = { format: Format; name: string; rows: number; total: number | null; error: string | null; done: boolean };

/** Rows per export call: large enough to be quick, small enough to keep each answer short. */
const EXPORT_PAGE = 1000;

function fileName(format: Format, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}`;
  const stamp = `${day}-${p(now.getHours())}${p(now.getMinutes())}`;
  return `workplace-activity-${stamp}.${format}`;
}

function download(parts: string[], format: Format, name: string): void {
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference to the blob once started.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ActivityExport({ filter }: { filter: ActivityFilter | null }) {
  const [run, setRun] = useState<Run | null>(null);
  const cancelled = useRef(false);

  const start = async (format: Format) => {
    if (!filter) return;
    cancelled.current = false;
    const state: Run = { format, name: fileName(format), rows: 0, total: null, error: null, done: false };
    setRun({ ...state });
    try {
      const days = await guard.activities.countsByDay({ filter });
      state.total = days.reduce((n, d) => n + d.count, 0);
      setRun({ ...state });
      const parts: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        if (cancelled.current) return;
        const page = await guard.activities.exportPage({ filter, format, limit: EXPORT_PAGE, cursor });
        parts.push(page.text);
        state.rows += page.rows;
        setRun({ ...state });
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      download(parts, format, state.name);
      state.done = true;
      setRun({ ...state });
    } catch (e) {
      state.error = errorMessage(e);
      setRun({ ...state });
    }
  };

  const percent = run?.total ? Math.min(100, (run.rows / run.total) * 100) : run?.done ? 100 : 0;
  const close = () => {
    cancelled.current = true;
    setRun(null);
  };
  return (
    <>
      <Menu position="bottom-end" shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            rightSection={<IconChevronDown size={14} />}
            disabled={!filter}
          >
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Everything that matches</Menu.Label>
          <Menu.Item onClick={() => void start('csv')}>CSV (spreadsheet)</Menu.Item>
          <Menu.Item onClick={() => void start('json')}>JSON</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={run !== null} onClose={close} title="Export the activity" size="md">
        {run && (
          <Stack gap="sm" data-testid="export-progress">
            <Progress value={percent} animated={!run.done && !run.error} aria-label="Export progress" />
            <Text size="sm" data-testid="export-status">
              {run.error
                ? `The export stopped: ${run.error}`
                : run.done
                  ? `Exported ${formatNumber(run.rows)} activities to ${run.name}`
                  : `${formatNumber(run.rows)} of ${formatNumber(run.total)} activities…`}
            </Text>
            <Group justify="flex-end">
              <Button variant={run.done || run.error ? 'filled' : 'default'} onClick={close}>
                {run.done || run.error ? 'Close' : 'Cancel'}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
