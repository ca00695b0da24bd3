// Filters for the timeline. Text fields are debounced by the screen; this only edits the form.
import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { humanize } from '../format';
import { emptyActivityFilter, useActivityFilter, type ActivityFilterForm } from '../stores/activity-filter';

function TriState({
  label,
  value,
  onChange,
}: {
  label: string;
  value: ActivityFilterForm['admin'];
  onChange(v: ActivityFilterForm['admin']): void;
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl
        size="xs"
        value={value}
        onChange={(v) => onChange(v as ActivityFilterForm['admin'])}
        data={[
          { value: 'any', label: 'Any' },
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
        aria-label={label}
      />
    </Stack>
  );
}

export function ActivityFilters({
  types,
  countryError,
  rangeError,
}: {
  types: string[];
  countryError?: string;
  rangeError?: string;
}) {
  const { form, set, reset } = useActivityFilter();
  const dirty = JSON.stringify(form) !== JSON.stringify(emptyActivityFilter);
  return (
    <Card padding="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
          <TextInput
            label="Search"
            placeholder="Any text in the event"
            leftSection={<IconSearch size={16} />}
            value={form.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
            maxLength={200}
          />
          <TextInput
            label="User"
            placeholder="Email, name or id"
            value={form.user}
            onChange={(e) => set({ user: e.currentTarget.value })}
            maxLength={320}
          />
          <Select
            label="Type"
            placeholder="All types"
            data={types.map((t) => ({ value: t, label: humanize(t) }))}
            value={form.type}
            onChange={(v) => set({ type: v })}
            clearable
            searchable
            nothingFoundMessage="No such type"
          />
          <TextInput
            label="IP address"
            placeholder="203.0.113.7"
            value={form.ip}
            onChange={(e) => set({ ip: e.currentTarget.value })}
            maxLength={64}
            spellCheck={false}
          />
          <TextInput
            label="Country"
            placeholder="Two letters, e.g. DE"
            value={form.country}
            onChange={(e) => set({ country: e.currentTarget.value.toUpperCase() })}
            maxLength={2}
            error={countryError}
          />
        </SimpleGrid>
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            label="Since"
            type="datetime-local"
            value={form.since}
            onChange={(e) => set({ since: e.currentTarget.value })}
            w={220}
            error={rangeError}
          />
          <TextInput
            label="Until"
            type="datetime-local"
            value={form.until}
            onChange={(e) => set({ until: e.currentTarget.value })}
            w={220}
          />
          <TriState label="By an admin" value={form.admin} onChange={(admin) => set({ admin })} />
          <TriState label="Impersonated" value={form.impersonated} onChange={(impersonated) => set({ impersonated })} />
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={16} />}
            onClick={reset}
            disabled={!dirty}
            ml="auto"
          >
            Clear filters
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
