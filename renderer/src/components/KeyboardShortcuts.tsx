// The console's keyboard: `/` search, j/k move through the screen's list, Enter opens, Esc
// closes, `g` then a letter jumps to a screen, `?` lists them all. Keys typed into a field are
// the field's, never a shortcut (only Esc, which leaves the field).
import { Group, Kbd, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { create } from 'zustand';
import { useNavigation } from '../stores/navigation';
import { FOCUSABLE_ROWS, moveInList, ROVING_LIST_ATTR } from './KeyboardRovingList';
import { navItems } from './nav';

/** How long after `g` the screen letter counts as a jump. */
const JUMP_WINDOW_MS = 1500;

const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"]';

export const generalShortcuts: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Search or filter this screen' },
  { keys: ['j'], what: 'Next row' },
  { keys: ['k'], what: 'Previous row' },
  { keys: ['↑', '↓'], what: 'Move within a list (Tab leaves it)' },
  { keys: ['Enter'], what: 'Open the row' },
  { keys: ['Esc'], what: 'Close the drawer or dialog, leave a field' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

/** The screen's search field: one marked `data-shortcut="search"`, else its first text field. */
function searchField(): HTMLElement | null {
  const main = document.querySelector('main');
  if (!main) return null;
  return (
    main.querySelector<HTMLElement>('[data-shortcut="search"]') ??
    main.querySelector<HTMLElement>('input[type="search"]:not(:disabled)') ??
    main.querySelector<HTMLElement>('input[type="text"]:not(:disabled), input:not([type]):not(:disabled)')
  );
}

/** The list j/k move in: the one holding focus, else the screen's first. */
function activeList(): HTMLElement | null {
  const focused = document.activeElement?.closest<HTMLElement>(`[${ROVING_LIST_ATTR}]`);
  if (focused && focused.closest('main')) return focused;
  return document.querySelector<HTMLElement>(`main [${ROVING_LIST_ATTR}]`);
}

const dialogOpen = () => !!document.querySelector('[role="dialog"][aria-modal="true"]');

/** Whether the shortcut list is showing: `?` toggles it, and so does the header's keyboard button. */
export const useKeyboardHelp = create<{ open: boolean; toggle(): void; close(): void }>((set) => ({
  open: false,
  toggle: () => set((s) => ({ open: !s.open })),
  close: () => set({ open: false }),
}));

export function KeyboardShortcuts() {
  const helpOpen = useKeyboardHelp((s) => s.open);
  const closeHelp = useKeyboardHelp((s) => s.close);
  useEffect(() => {
    let jumpStartedAt = -Infinity;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest(EDITABLE)) {
        if (e.key === 'Escape' && !dialogOpen()) target.blur();
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        useKeyboardHelp.getState().toggle();
        return;
      }
      // A drawer or dialog has the keyboard (Esc closes it; Mantine handles that).
      if (dialogOpen()) return;
      const jumping = e.timeStamp - jumpStartedAt < JUMP_WINDOW_MS;
      jumpStartedAt = -Infinity;
      if (jumping) {
        const item = navItems.find((i) => i.jump === e.key);
        if (item) {
          e.preventDefault();
          useNavigation.getState().go(item.id);
        }
        return;
      }
      if (e.key === 'g') {
        jumpStartedAt = e.timeStamp;
        return;
      }
      if (e.key === '/') {
        const field = searchField();
        if (field) {
          e.preventDefault();
          field.focus();
        }
        return;
      }
      if (e.key === 'j' || e.key === 'k') {
        const delta = e.key === 'j' ? 1 : -1;
        const list = activeList();
        const main = document.querySelector('main');
        const moved = list ? moveInList(list, delta) : main ? moveInList(main, delta, FOCUSABLE_ROWS) : null;
        if (moved) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <Modal opened={helpOpen} onClose={closeHelp} title="Keyboard shortcuts" size="lg" centered>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl" data-testid="keyboard-help">
        <Stack gap="xs">
          <Title order={2} size="h5">
            Everywhere
          </Title>
          <ShortcutTable rows={generalShortcuts} />
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h5">
            Go to a screen
          </Title>
          <ShortcutTable rows={navItems.map((i) => ({ keys: ['g', i.jump], what: i.label }))} />
        </Stack>
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="md">
        Shortcuts are off while you type in a field; Esc leaves the field.
      </Text>
    </Modal>
  );
}

function ShortcutTable({ rows }: { rows: { keys: string[]; what: string }[] }) {
  return (
    <Table withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.what}>
            <Table.Td w={84}>
              <Group gap={4} wrap="nowrap">
                {r.keys.map((k, i) => (
                  <Kbd key={`${k}${i}`} size="sm">
                    {k}
                  </Kbd>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{r.what}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
