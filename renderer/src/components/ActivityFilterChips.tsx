// The filter as removable chips (click a chip to change it) and "Clear all".
import { Button, CloseButton, Group, Text, UnstyledButton } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { memo } from 'react';
import { humanize } from '../format';
import { emptyActivityFilter, useActivityFilter, type ActivityFilterForm } from '../stores/activity-filter';
import { IP_CATEGORY_LABELS, type EditableField } from './ActivityFilterEditor';
import classes from './ActivityFilters.module.css';
import { filterChips, withoutChip, type FilterChip } from './filter-to-query';

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

/** Memoised: it re-renders when the form does (a deferred copy, ActivityFilters), not with what loads below. */
export const ActivityFilterChips = memo(function ActivityFilterChips({
  form,
  onEdit,
}: {
  form: ActivityFilterForm;
  /** Open the editor of a field (the Add filter popover). */
  onEdit(field: EditableField): void;
}) {
  const replace = useActivityFilter((s) => s.replace);
  const reset = useActivityFilter((s) => s.reset);
  const dirty = JSON.stringify(form) !== JSON.stringify(emptyActivityFilter);
  const chips = filterChips(form, humanize).filter((c) => c.key !== 'text');
  if (chips.length === 0 && !dirty) return null;
  return (
    <Group gap="xs" wrap="wrap" aria-label="Active filters" role="list">
      {chips.map((chip) => (
        <FilterChipView
          key={`${chip.key}:${chip.index ?? ''}`}
          chip={chip}
          onEdit={chip.key === 'range' ? null : () => onEdit(chip.key as EditableField)}
          onRemove={() => replace(withoutChip(form, chip))}
        />
      ))}
      {dirty && (
        <Button variant="subtle" size="compact-sm" leftSection={<IconFilterOff size={14} />} onClick={reset}>
          Clear all
        </Button>
      )}
    </Group>
  );
});
