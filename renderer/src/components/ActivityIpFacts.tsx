// What the console knows about an activity's IP address now: network (ASN, AS organisation,
// kind), the lists it is on, the admin's range holding it — and one click to tag the address as
// Corporate, VPN or Risky (an IP range of one address), which detection uses from then on.
import { Badge, Button, DataList, Group, Stack, Text } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import type { ActivityIpFacts as Facts } from '../../../preload/contract';
import { humanize } from '../format';
import { errorMessage, guard } from '../guard';

const TAGS = ['Corporate', 'VPN', 'Risky'] as const;

function rangeText(r: NonNullable<Facts['range']>): string {
  return `${humanize(r.category)} — ${r.cidr}${r.name ? ` (${r.name})` : ''}`;
}

export function ActivityIpFacts({ ip, facts, onTagged }: { ip: string; facts: Facts | null; onTagged(): void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const tag = async (category: (typeof TAGS)[number]) => {
    setBusy(category);
    setProblem(null);
    try {
      await guard.ipRanges.add({ cidr: ip, category, name: `Tagged from the timeline` });
      onTagged();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="xs" data-testid="ip-facts">
      <DataList labelWidth={130} withDivider gap="xs">
        <DataList.Item>
          <DataList.ItemLabel>Network</DataList.ItemLabel>
          <DataList.ItemValue>
            {facts?.asOrg ?? 'Unknown organisation'}
            {facts?.asn !== null && facts?.asn !== undefined && (
              <Text span size="sm" c="dimmed" ff="monospace">
                {' '}
                AS{facts.asn}
              </Text>
            )}
            {facts?.network && (
              <Badge ml={6} size="sm" variant="light" color="grape">
                {humanize(facts.network)}
              </Badge>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Lists</DataList.ItemLabel>
          <DataList.ItemValue>
            {facts && facts.lists.length > 0 ? (
              <Group gap={4}>
                {facts.lists.map((l) => (
                  <Badge key={l.id} size="sm" color={l.kind === 'threat' ? 'red' : 'orange'} variant="light">
                    {l.name}
                  </Badge>
                ))}
              </Group>
            ) : (
              'On no threat or anonymity list'
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Your range</DataList.ItemLabel>
          <DataList.ItemValue data-testid="ip-range">
            {facts?.range ? rangeText(facts.range) : 'Not in any of your IP ranges'}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      {!facts?.range && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Tag {ip} as
          </Text>
          {TAGS.map((t) => (
            <Button
              key={t}
              size="compact-sm"
              variant="light"
              color={t === 'Risky' ? 'red' : t === 'VPN' ? 'grape' : 'teal'}
              leftSection={<IconTag size={12} />}
              loading={busy === t}
              disabled={busy !== null}
              onClick={() => void tag(t)}
            >
              {t}
            </Button>
          ))}
        </Group>
      )}
      {problem && (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}
