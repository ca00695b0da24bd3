// The consent page as a link, for the browser host: main cannot open a window there, so it hands
// the page the address (`connector.consent`) and the admin opens it in a new tab with one click.
// In the desktop app the consent window opens by itself and no address ever arrives.
import { Anchor, Button, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';
import { onEvent } from '../guard';

// Listening from the moment this module loads: the address can arrive in the same tick as the
// `connecting` status that mounts the link, before any effect of the component has run.
let latest: string | null = null;
const listeners = new Set<() => void>();
onEvent('connector.consent', (p) => {
  latest = p.url;
  listeners.forEach((l) => l());
});
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

export function ConsentPageLink() {
  const url = useSyncExternalStore(subscribe, () => latest);
  if (!url) return null;
  return (
    <>
      <Text size="sm" mt="xs">
        Open the Workplace consent page and approve Workplace Guard there; this screen continues by itself.
      </Text>
      <Button
        component="a"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        size="xs"
        mt="xs"
        leftSection={<IconExternalLink size={14} />}
        data-testid="consent-page-link"
      >
        Open the consent page
      </Button>
      <Text size="xs" c="dimmed" mt={4}>
        It goes to <Anchor component="span">{new URL(url).host}</Anchor>, the Workplace address you entered.
      </Text>
    </>
  );
}
