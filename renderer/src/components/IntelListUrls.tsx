// One IP list's download URLs, editable (one per line, at most 4). Main validates them (https,
// or http on this machine only) and its refusal is shown under the field; the draft is reported
// upward so the Settings screen's unsaved-changes guard covers it.
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { IntelListStatus } from '../../../preload/contract';

const MAX_URLS = 4;

export function urlLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export function IntelListUrls({
  list,
  busy,
  error,
  onSave,
  onReset,
  onDirty,
}: {
  list: IntelListStatus;
  busy: boolean;
  error: string | null;
  onSave(urls: string[]): void;
  onReset(): void;
  onDirty(dirty: boolean): void;
}) {
  const savedText = list.urls.join('\n');
  const [text, setText] = useState(savedText);
  // A save (or reset) answered by main replaces the draft with what main kept.
  useEffect(() => setText(savedText), [savedText]);
  const lines = urlLines(text);
  const dirty = lines.join('\n') !== savedText;
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const countError =
    lines.length === 0 ? 'At least one URL' : lines.length > MAX_URLS ? `At most ${MAX_URLS} URLs` : null;
  return (
    <Stack gap={6}>
      <Textarea
        label={`Download from (${list.customUrls ? 'your URLs' : 'the publisher'})`}
        description="One URL per line: https, or http on this computer only."
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={4}
        spellCheck={false}
        error={(dirty && (countError ?? error)) || undefined}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
      />
      <Group gap="xs">
        {/* Offered only for a draft: four disabled buttons in a row say nothing. */}
        {dirty && (
          <Button size="xs" disabled={!!countError} loading={busy} onClick={() => onSave(lines)}>
            Save URLs
          </Button>
        )}
        {dirty && (
          <Button size="xs" variant="subtle" color="gray" onClick={() => setText(savedText)}>
            Undo
          </Button>
        )}
        {list.customUrls && !dirty && (
          <Button size="xs" variant="subtle" disabled={busy} onClick={onReset}>
            Use the publisher’s URLs
          </Button>
        )}
      </Group>
    </Stack>
  );
}
