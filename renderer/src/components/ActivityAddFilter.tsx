// "Add filter": a menu of every field the store filters on, and the editor of the field picked
// (or of a chip clicked), in a popover under the button.
import { Button, Menu, Popover } from '@mantine/core';
import { IconFilterPlus } from '@tabler/icons-react';
import { memo } from 'react';
import { useActivityFilter, type ActivityFilterForm } from '../stores/activity-filter';
import { ActivityFilterEditor, FIELD_LABELS, type EditableField } from './ActivityFilterEditor';

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

/** Memoised: it re-renders when the (deferred) form, the type list or the field being edited change. */
export const ActivityAddFilter = memo(function ActivityAddFilter({
  form,
  types,
  editing,
  onEdit,
}: {
  form: ActivityFilterForm;
  /** Activity types for the type editor. */
  types: string[];
  /** The field whose editor is open, if any. */
  editing: EditableField | null;
  onEdit(field: EditableField | null): void;
}) {
  const set = useActivityFilter((s) => s.set);
  return (
    <Popover
      opened={editing !== null}
      onDismiss={() => onEdit(null)}
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
                <Menu.Item key={f} onClick={() => onEdit(f)}>
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
              onEdit(null);
            }}
            onCancel={() => onEdit(null)}
          />
        )}
      </Popover.Dropdown>
    </Popover>
  );
});
