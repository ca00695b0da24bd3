import { Anchor, Text } from '@mantine/core';
import { openExternal } from './external';

/** Required by the DB-IP Lite licence (CC BY 4.0) wherever locations are shown. */
export function DbIpAttribution() {
  return (
    <Text size="xs" c="dimmed" data-testid="dbip-attribution">
      <Anchor
        size="xs"
        c="dimmed"
        underline="always"
        href="https://db-ip.com"
        onClick={openExternal('https://db-ip.com')}
      >
        IP Geolocation by DB-IP
      </Anchor>{' '}
      (db-ip.com), CC BY 4.0
    </Text>
  );
}
