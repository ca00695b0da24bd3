// IP ranges: the admin's own ranges (Corporate, VPN, Cloud provider, Administrative, Risky,
// Anonymous) with tags. Detection reads them at every evaluation; a VPN range carries no location.
import { Badge, Button, Card, Group, Select, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { IconWorldWww } from '@tabler/icons-react';
import { useState } from 'react';
import { IP_RANGE_CATEGORIES } from '../../../preload/contract';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatDateTime } from '../format';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';

const CATEGORY_COLOR: Record<string, string> = {
  Corporate: 'teal',
  VPN: 'blue',
  'Cloud provider': 'grape',
  Administrative: 'indigo',
  Risky: 'red',
  Anonymous: 'orange',
};

export function IpRangesScreen() {
  const q = useGuardQuery(() => guard.ipRanges.list(), []);
  const [cidr, setCidr] = useState('');
  const [category, setCategory] = useState<string | null>('Corporate');
  const [name, setName] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await guard.ipRanges.add({
        cidr: cidr.trim(),
        category: category ?? '',
        tags,
        name: name || undefined,
      });
      toast({ tone: 'success', title: `Added ${r.cidr} (${r.category})` });
      setCidr('');
      setName('');
      setTags([]);
      q.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string, label: string) => {
    try {
      await guard.ipRanges.remove({ id });
      toast({ tone: 'success', title: `Removed ${label}` });
      q.reload();
    } catch (e) {
      toast({ tone: 'error', title: 'Not removed', message: errorMessage(e) });
    }
  };

  return (
    <>
      <PageHeader
        title="IP ranges"
        description={
          'Your own networks and the ones you trust or distrust. Detection uses them from the next evaluation: ' +
          'VPN ranges carry no location (no impossible travel through your VPN), Risky ranges raise alerts.'
        }
      />
      <Card withBorder mb="md" p="md">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Range (CIDR) or address"
            placeholder="203.0.113.0/24"
            value={cidr}
            onChange={(e) => setCidr(e.currentTarget.value)}
            w={220}
            error={!!error}
          />
          <Select label="Category" data={[...IP_RANGE_CATEGORIES]} value={category} onChange={setCategory} w={170} />
          <TextInput
            label="Name"
            placeholder="Head office"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TagsInput label="Tags" placeholder="Enter to add" value={tags} onChange={setTags} w={220} />
          <Button onClick={() => void add()} loading={busy} disabled={!cidr.trim() || !category}>
            Add range
          </Button>
        </Group>
        {error && (
          <Text c="red" size="sm" mt="sm" role="alert" data-testid="ip-range-error">
            {error}
          </Text>
        )}
      </Card>
      {q.error ? (
        <ErrorAlert title="The ranges could not be loaded" error={q.error} onRetry={q.reload} />
      ) : !q.data ? (
        <LoadingRows />
      ) : q.data.length === 0 ? (
        <Empty icon={<IconWorldWww size={26} />} title="No IP ranges yet">
          Add your offices as Corporate and your VPN exits as VPN: impossible travel then ignores hops through them.
        </Empty>
      ) : (
        <Card p={0}>
          <Table verticalSpacing="sm" data-testid="ip-ranges-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Range</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Tags</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {r.cidr}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={CATEGORY_COLOR[r.category]}>
                      {r.category}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.tags.map((t) => (
                        <Badge key={t} variant="outline" color="gray" size="sm">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(r.id, r.cidr)}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </>
  );
}
