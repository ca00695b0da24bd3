// Suggested queries an investigation starts with, the admin's saved queries (kept in settings),
// and saving the current filter under a name.
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { SavedActivityQuery } from '../../../preload/contract';
import { errorMessage, guard } from '../guard';
import { useActivityFilter } from '../stores/activity-filter';
import { SUGGESTED_QUERIES, fromSavedQuery, toSavedQuery } from './filter-to-query';
import { useGuardQuery } from './useGuardQuery';

export function ActivityQueryMenu() {
  // The form is read when saving, not subscribed to: applying a filter does not re-render this menu.
  const replace = useActivityFilter((s) => s.replace);
  const settings = useGuardQuery(() => guard.settings.get(), []);
  const saved = settings.data?.savedActivityQueries ?? [];
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const store = async (next: SavedActivityQuery[]) => {
    await guard.settings.update({ savedActivityQueries: next });
    settings.reload();
  };
  const save = async () => {
    const q = toSavedQuery(name, useActivityFilter.getState().form);
    if (!q.name) return setProblem('Give the query a name.');
    try {
      await store([...saved.filter((s) => s.name !== q.name), q]);
      setNaming(false);
      setName('');
      setProblem(null);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" width={300}>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
          >
            Queries
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Suggested</Menu.Label>
          {SUGGESTED_QUERIES.map((q) => (
            <Menu.Item key={q.name} onClick={() => replace(fromSavedQuery(q))}>
              {q.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Label>Saved</Menu.Label>
          {saved.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" pb={6}>
              None yet: filter the timeline, then “Save this query”.
            </Text>
          )}
          {saved.map((q) => (
            <Group key={q.name} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => replace(fromSavedQuery(q))} style={{ flex: 1 }}>
                {q.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Delete the saved query ${q.name}`}
                onClick={() => void store(saved.filter((s) => s.name !== q.name)).catch(() => settings.reload())}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconBookmarkPlus size={14} />} onClick={() => setNaming(true)}>
            Save this query…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title="Save this query" size="sm">
        <Stack gap="sm">
          <TextInput
            label="Name"
            placeholder="e.g. Finance sign-ins abroad"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && void save()}
            maxLength={80}
            error={problem}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            A relative time window (last 7 days…) is saved as such; a custom range is not saved.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setNaming(false)}>
              Cancel
            </Button>
            <Button onClick={() => void save()}>Save</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
