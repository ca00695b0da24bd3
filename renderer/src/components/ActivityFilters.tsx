// The timeline's query bar: free text, time window, "Add filter" for every field the store
// filters on, and the filter as removable chips (click a chip to change it). Text applies when
// typing pauses, or at once on Enter (the screen decides); this only edits the form.
import {
  Button,
  CloseButton,
  Card,
  Group,
  Menu,
  NativeSelect,
  Popover,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconFilterOff, IconFilterPlus, IconSearch } from '@tabler/icons-react';
import classes from './ActivityFilters.module.css';
import { memo, useState, type ReactNode } from 'react';
import { humanize } from '../format';
import { emptyActivityFilter, useActivityFilter, type TimePreset } from '../stores/activity-filter';
import { ActivityFilterEditor, FIELD_LABELS, IP_CATEGORY_LABELS, type EditableField } from './ActivityFilterEditor';
import { PRESET_LABELS, filterChips, withoutChip, type FilterChip } from './filter-to-query';

const ADDABLE: EditableField[] = [
  'user',
  'types',
  'country',
  'ip',
  'asn',
  'ipCategory',
  'device',
  'admin',
  'impersonated',
  'newCountry',
];

const PRESET_OPTIONS = (Object.keys(PRESET_LABELS) as TimePreset[]).map((p) => ({ value: p, label: PRESET_LABELS[p] }));

function chipValue(chip: FilterChip): string {
  if (chip.key === 'ipCategory') return IP_CATEGORY_LABELS[chip.value as keyof typeof IP_CATEGORY_LABELS] ?? chip.value;
  if (chip.key === 'admin' || chip.key === 'impersonated') return chip.value === 'yes' ? 'yes' : 'no';
  return chip.value;
}

/** One constraint: click it to change it, × to remove it (both real buttons, named for a screen reader). */
function FilterChipView({
  chip,
  onEdit,
  onRemove,
}: {
  chip: FilterChip;
  onEdit: (() => void) | null;
  onRemove(): void;
}) {
  const text = (
    <>
      <Text span size="sm" c="dimmed">
        {chip.label}:
      </Text>{' '}
      <Text span size="sm" fw={500}>
        {chipValue(chip)}
      </Text>
    </>
  );
  return (
    <Group gap={2} wrap="nowrap" className={classes.chip} role="listitem" data-testid={`chip-${chip.key}`}>
      {onEdit ? (
        <UnstyledButton onClick={onEdit} className={classes.chipLabel} aria-label={`Change the ${chip.label} filter`}>
          {text}
        </UnstyledButton>
      ) : (
        <span className={classes.chipLabel}>{text}</span>
      )}
      <CloseButton size="sm" onClick={onRemove} aria-label={`Remove the ${chip.label} filter ${chipValue(chip)}`} />
    </Group>
  );
}

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
  const { form, set, replace, reset } = useActivityFilter();
  const [editing, setEditing] = useState<EditableField | null>(null);
  const dirty = JSON.stringify(form) !== JSON.stringify(emptyActivityFilter);
  const chips = filterChips(form, humanize).filter((c) => c.key !== 'text');

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
          <Popover
            opened={editing !== null}
            onDismiss={() => setEditing(null)}
            position="bottom-start"
            shadow="md"
            trapFocus
            returnFocus
            // The target is only the anchor the editor opens under (the Add filter menu opens it),
            // so it gets no popup roles; the dropdown names itself as a dialog instead.
            withRoles={false}
          >
            <Popover.Target>
              <div>
                <Menu position="bottom-start" shadow="md">
                  <Menu.Target>
                    <Button variant="light" leftSection={<IconFilterPlus size={16} />}>
                      Add filter
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {ADDABLE.map((f) => (
                      <Menu.Item key={f} onClick={() => setEditing(f)}>
                        {FIELD_LABELS[f]}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              </div>
            </Popover.Target>
            <Popover.Dropdown role="dialog" aria-label={editing ? `Filter by ${FIELD_LABELS[editing]}` : undefined}>
              {editing && (
                <ActivityFilterEditor
                  key={editing}
                  field={editing}
                  form={form}
                  types={types}
                  onApply={(patch) => {
                    set(patch);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
            </Popover.Dropdown>
          </Popover>
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
        {(chips.length > 0 || dirty) && (
          <Group gap="xs" wrap="wrap" aria-label="Active filters" role="list">
            {chips.map((chip) => (
              <FilterChipView
                key={`${chip.key}:${chip.index ?? ''}`}
                chip={chip}
                onEdit={chip.key === 'range' ? null : () => setEditing(chip.key as EditableField)}
                onRemove={() => replace(withoutChip(form, chip))}
              />
            ))}
            {dirty && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconFilterOff size={14} />} onClick={reset}>
                Clear all
              </Button>
            )}
          </Group>
        )}
        {(problems.asn || problems.ipCategory || error) && (
          <Text size="sm" c="red" role="alert" data-testid="filter-error">
            {problems.asn ?? problems.ipCategory ?? error}
          </Text>
        )}
      </Stack>
    </Card>
  );
});
