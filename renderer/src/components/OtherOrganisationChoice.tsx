// Connecting an organisation other than the one whose data this computer holds (issue 8 req 8):
// main refuses and names both (the error's `otherOrganisation`); the admin chooses here to archive
// the old data (moved aside, still openable read-only) or clear it, and the connect is sent again
// with that choice. Clearing deletes for good, so it asks for the old organisation's name typed.
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArchive, IconBuildingSkyscraper, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { OtherOrganisationRefusal } from '../../../preload/contract';

export type OtherOrganisationAnswer = 'archive' | 'clear';

/** Buttons whose label names an organisation: a long name wraps onto a second line inside the button. */
const wrapping = {
  h: 'auto',
  mih: 36,
  py: 6,
  styles: { label: { whiteSpace: 'normal' as const, textAlign: 'left' as const, lineHeight: 1.35 } },
};

export function OtherOrganisationChoice({
  refusal,
  busy,
  onChoose,
  onCancel,
}: {
  refusal: OtherOrganisationRefusal;
  busy: boolean;
  onChoose(answer: OtherOrganisationAnswer): void;
  onCancel(): void;
}) {
  const { held, offered } = refusal;
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [typed, setTyped] = useState('');
  // Trimmed and case-sensitive: the name as the admin sees it, not a near miss.
  const typedMatches = typed.trim() === held.name.trim();
  // The question appears below a long form: bring it into view, or the admin sees nothing happen.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <Alert
      ref={box}
      // The body may shrink to the form's width: long organisation names wrap instead of being cut off.
      styles={{ body: { minWidth: 0 } }}
      color="yellow"
      variant="light"
      icon={<IconBuildingSkyscraper size={18} />}
      title={`This computer holds ${held.name}'s data`}
      role="alertdialog"
      aria-label={`${offered.name} is another organisation`}
      data-testid="other-organisation-choice"
    >
      <Stack gap="sm">
        <Text size="sm">
          {offered.name} is another organisation. One organisation&apos;s data is never mixed with another&apos;s, so
          choose what happens to {held.name}&apos;s data before connecting.
        </Text>
        {!confirmingClear ? (
          <Stack gap="xs" align="flex-start">
            <Button
              leftSection={<IconArchive size={16} />}
              loading={busy}
              onClick={() => onChoose('archive')}
              {...wrapping}
            >
              Archive {held.name} (kept, openable read-only) and connect
            </Button>
            <Button
              color="red"
              variant="outline"
              leftSection={<IconTrash size={16} />}
              disabled={busy}
              onClick={() => setConfirmingClear(true)}
              {...wrapping}
            >
              Clear {held.name} and connect
            </Button>
            <Button variant="subtle" color="gray" disabled={busy} onClick={onCancel}>
              Cancel
            </Button>
          </Stack>
        ) : (
          <Stack gap="xs" maw={460}>
            <TextInput
              label={`Type ${held.name} to delete its data from this computer`}
              description="This cannot be undone. Its alerts, activity and governance log are deleted."
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
            />
            <Group gap="sm">
              <Button
                color="red"
                disabled={!typedMatches}
                loading={busy}
                onClick={() => onChoose('clear')}
                {...wrapping}
              >
                Delete {held.name}&apos;s data and connect
              </Button>
              <Button
                variant="subtle"
                color="gray"
                disabled={busy}
                onClick={() => {
                  setConfirmingClear(false);
                  setTyped('');
                }}
              >
                Back
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}
