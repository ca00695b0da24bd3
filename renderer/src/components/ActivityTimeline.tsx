// The virtualized timeline: only the rows on screen exist in the DOM, so a million-row store
// scrolls as smoothly as a hundred. Asks for the next page when the end comes into view.
import { Badge, Box, Group, Loader, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Activity } from '../../../preload/contract';
import { formatDateTime, formatPlace, humanize } from '../format';
import { activityTypeColor } from './activity-style';
import classes from './ActivityTimeline.module.css';

const ROW = 42;

export function ActivityTimeline({
  items,
  hasMore,
  loadingMore,
  onLoadMore,
  onOpen,
  height,
}: {
  items: Activity[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onOpen(id: string): void;
  height: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = items.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 15) onLoadMore();
  }, [lastIndex, hasMore, loadingMore, items.length, onLoadMore]);

  return (
    <Box className={classes.frame}>
      <div className={`${classes.row} ${classes.head}`} role="row">
        <span role="columnheader">Time (local)</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Event</span>
        <span role="columnheader">Actor → target</span>
        <span role="columnheader">IP address</span>
        <span role="columnheader">Location</span>
      </div>
      <div
        ref={scrollRef}
        className={classes.scroll}
        style={{ height }}
        role="rowgroup"
        aria-label="Activity timeline, newest first"
        data-testid="activity-timeline"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const a = items[v.index];
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              right: 0,
              height: ROW,
              transform: `translateY(${v.start}px)`,
            };
            if (!a) {
              return (
                <Group key="more" style={style} justify="center" gap="xs">
                  <Loader size="xs" />
                  <Text size="sm" c="dimmed">
                    Loading older activity…
                  </Text>
                </Group>
              );
            }
            return (
              <UnstyledButton
                key={a.id}
                className={classes.row}
                style={style}
                onClick={() => onOpen(a.id)}
                role="row"
                data-activity-id={a.id}
              >
                <Text size="sm" className={classes.mono}>
                  {formatDateTime(a.at)}
                </Text>
                <span>
                  <Badge
                    variant="light"
                    color={activityTypeColor(a.type, a.event)}
                    radius="sm"
                    maw="100%"
                    tt="none"
                    title={a.type}
                  >
                    {humanize(a.type)}
                  </Badge>
                </span>
                <Group gap={6} wrap="nowrap" miw={0}>
                  {a.summary ? (
                    <Text size="sm" truncate title={a.summary}>
                      {a.summary}
                    </Text>
                  ) : (
                    <Text size="sm" truncate title={a.event} className={classes.mono} c="dimmed">
                      {a.event}
                    </Text>
                  )}
                  {a.admin && (
                    <Badge size="xs" variant="outline" color="violet">
                      Admin
                    </Badge>
                  )}
                  {a.impersonated && (
                    <Badge size="xs" variant="filled" color="orange">
                      Impersonated
                    </Badge>
                  )}
                </Group>
                <Group gap={4} wrap="nowrap" miw={0}>
                  <Text size="sm" truncate title={a.actor ?? undefined}>
                    {a.actor ?? '—'}
                  </Text>
                  {a.target && a.target !== a.actor && (
                    <>
                      <IconArrowRight size={14} style={{ flex: '0 0 auto', opacity: 0.6 }} />
                      <Text size="sm" truncate title={a.target}>
                        {a.target}
                      </Text>
                    </>
                  )}
                </Group>
                <Text size="sm" className={classes.mono} truncate>
                  {a.ip ?? '—'}
                </Text>
                <Tooltip label={formatPlace(a.country, a.city)} disabled={!a.country && !a.city}>
                  <Text size="sm" truncate>
                    {formatPlace(a.country, a.city)}
                  </Text>
                </Tooltip>
              </UnstyledButton>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
