// The timeline's query bar: free text, time window, "Add filter" for every field the store
// filters on, and the filter as removable chips (click a chip to change it). Text applies when
// typing pauses, or at once on Enter (the screen decides); this only edits the form.
import { Card, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { memo, useDeferredValue, useState, type ReactNode } from 'react';
import { useActivityFilter, type TimePreset } from '../stores/activity-filter';
import { ActivityAddFilter } from './ActivityAddFilter';
import { ActivityFilterChips } from './ActivityFilterChips';
import type { EditableField } from './ActivityFilterEditor';
import { PRESET_LABELS } from './filter-to-query';

const PRESET_OPTIONS = (Object.keys(PRESET_LABELS) as TimePreset[]).map((p) => ({ value: p, label: PRESET_LABELS[p] }));

/** Memoised: it follows the filter form; rows arriving below it do not re-render it. */
export const ActivityFilters = memo(function ActivityFilters({
  types,
  problems,
  error,
  queries,
  actions,
  onSearchNow,
}: {
  types: string[];
  problems: { asn?: string; range?: string; ipCategory?: string };
  /** The engine's word on the filter (an unknown country, a malformed IP range). */
  error: string | null;
  /** Suggested and saved queries (a menu). */
  queries: ReactNode;
  /** Save, export… */
  actions: ReactNode;
  /** Apply the search text now, without waiting for typing to pause (Enter). */
  onSearchNow(): void;
}) {
  const form = useActivityFilter((s) => s.form);
  const set = useActivityFilter((s) => s.set);
  // What the admin types into (the search, the time window, a custom range) follows the form at
  // once. The chips and the Add filter menu follow a deferred copy: a new filter first renders
  // what asks the engine (the timeline, the count), and the chips right after, while it answers.
  const deferredForm = useDeferredValue(form);
  const [editing, setEditing] = useState<EditableField | null>(null);

  return (
    <Card padding="md">
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <TextInput
            aria-label="Search the activity"
            placeholder="Search events, people, IPs, places and details (file name, failure reason)"
            leftSection={<IconSearch size={16} />}
            value={form.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onSearchNow();
            }}
            maxLength={200}
            style={{ flex: '1 1 220px' }}
            data-testid="activity-search"
            data-shortcut="search"
          />
          {/* Native: Mantine's Select keeps its listbox mounted and positions it on every mount, forcing
              style and layout before the timeline's first paint. */}
          <NativeSelect
            aria-label="Time window"
            data={PRESET_OPTIONS}
            value={form.preset}
            onChange={(e) => set({ preset: e.currentTarget.value as TimePreset })}
            w={150}
          />
          <ActivityAddFilter form={deferredForm} types={types} editing={editing} onEdit={setEditing} />
          {queries}
          {actions}
        </Group>
        {form.preset === 'custom' && (
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label="From"
              type="datetime-local"
              value={form.since}
              onChange={(e) => set({ since: e.currentTarget.value })}
              w={220}
              error={problems.range}
            />
            <TextInput
              label="To"
              type="datetime-local"
              value={form.until}
              onChange={(e) => set({ until: e.currentTarget.value })}
              w={220}
            />
          </Group>
        )}
        <ActivityFilterChips form={deferredForm} onEdit={setEditing} />
        {(problems.asn || problems.ipCategory || error) && (
          <Text size="sm" c="red" role="alert" data-testid="filter-error">
            {problems.asn ?? problems.ipCategory ?? error}
          </Text>
        )}
      </Stack>
    </Card>
  );
});
