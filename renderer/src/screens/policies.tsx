// Policies: the eight anomaly policies (on/off, sensitivity, the numbers in force, excluded
// users) and the admin's own activity policies, edited with a replay preview before saving.
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { TagsInput, Title } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { ActivityPolicyInput, AnomalyPolicyView, OpInput } from '../../../preload/contract';
import { ActivityPolicyEditor } from '../components/ActivityPolicyEditor';
import { PageHeader } from '../components/PageHeader';
import { SeverityBadge } from '../components/SeverityBadge';
import { ErrorAlert, LoadingRows } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatNumber } from '../format';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';

const label = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

function Settings({ p, onSaved }: { p: AnomalyPolicyView; onSaved(): void }) {
  const [params, setParams] = useState<Record<string, number | null>>({});
  const [exclude, setExclude] = useState(p.excludeUsers);
  const [include, setInclude] = useState(p.includeUsers);
  const save = async () => {
    try {
      await guard.policies.update({ id: p.id, params, excludeUsers: exclude, includeUsers: include });
      toast({ tone: 'success', title: `${p.name} saved`, message: 'It applies from the next evaluation.' });
      onSaved();
    } catch (e) {
      toast({ tone: 'error', title: 'Not saved', message: errorMessage(e) });
    }
  };
  return (
    <Stack gap="xs" p="sm">
      <Text size="sm">{p.description}</Text>
      <Table verticalSpacing={2} withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Setting</Table.Th>
            <Table.Th>Low</Table.Th>
            <Table.Th>Medium</Table.Th>
            <Table.Th>High</Table.Th>
            <Table.Th>Your value (blank: by sensitivity)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.settings.map((s) => (
            <Table.Tr key={s.name}>
              <Table.Td>{label(s.name)}</Table.Td>
              <Table.Td>{formatNumber(s.low)}</Table.Td>
              <Table.Td>{formatNumber(s.medium)}</Table.Td>
              <Table.Td>{formatNumber(s.high)}</Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  w={140}
                  aria-label={`${s.name} override`}
                  placeholder={String(s.current)}
                  defaultValue={s.override ?? undefined}
                  onChange={(v) => setParams((x) => ({ ...x, [s.name]: v === '' ? null : Number(v) }))}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group grow>
        <TagsInput label="Only these users (blank: everyone)" value={include} onChange={setInclude} />
        <TagsInput label="Excluded users" value={exclude} onChange={setExclude} />
      </Group>
      <Group>
        <Button size="xs" onClick={() => void save()}>
          Save settings
        </Button>
      </Group>
    </Stack>
  );
}

type Update = NonNullable<OpInput<'policies', 'update'>>;

export function PoliciesScreen() {
  const q = useGuardQuery(() => guard.policies.list(), []);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ policy: ActivityPolicyInput; isNew: boolean } | null>(null);
  const update = async (input: Update) => {
    try {
      await guard.policies.update(input);
      q.reload();
    } catch (e) {
      toast({ tone: 'error', title: 'Not changed', message: errorMessage(e) });
    }
  };
  const removeActivity = async (id: string) => {
    try {
      await guard.policies.deleteActivity({ id });
      q.reload();
    } catch (e) {
      toast({ tone: 'error', title: 'Not deleted', message: errorMessage(e) });
    }
  };
  const toggleActivity = async (p: ActivityPolicyInput) => {
    try {
      await guard.policies.updateActivity({ policy: { ...p, enabled: !p.enabled } });
      q.reload();
    } catch (e) {
      toast({ tone: 'error', title: 'Not changed', message: errorMessage(e) });
    }
  };
  const asInput = (p: ActivityPolicyInput & Record<string, unknown>): ActivityPolicyInput => {
    const { id, name, description, enabled, severity, filter, mode, dailyLimit, actions, template } = p;
    return { id, name, description, enabled, severity, filter, mode, dailyLimit, actions, template };
  };

  return (
    <>
      <PageHeader
        title="Policies"
        description={
          'The eight anomaly policies learn each user’s normal and alert on what breaks it; activity policies ' +
          'alert on what you name. Changes apply from the next evaluation.'
        }
      />
      {q.error ? (
        <ErrorAlert title="Policies could not be loaded" error={q.error} onRetry={q.reload} />
      ) : !q.data ? (
        <LoadingRows />
      ) : (
        <Stack gap="lg">
          <Card p={0}>
            <Table verticalSpacing="sm" data-testid="anomaly-policies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>On</Table.Th>
                  <Table.Th>Anomaly policy</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Sensitivity</Table.Th>
                  <Table.Th>Scope</Table.Th>
                  <Table.Th aria-label="Settings" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.anomaly.map((p) => (
                  <Fragment key={p.id}>
                    <Table.Tr data-testid={`policy-${p.id}`}>
                      <Table.Td>
                        <Switch
                          aria-label={`${p.name} on`}
                          checked={p.enabled}
                          onChange={() => void update({ id: p.id, enabled: !p.enabled })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {p.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          MITRE: {p.mitre}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <SeverityBadge severity={p.severity} />
                      </Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          size="xs"
                          data={['Low', 'Medium', 'High']}
                          value={p.sensitivity}
                          onChange={(v) => void update({ id: p.id, sensitivity: v as 'Low' })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {p.includeUsers.length ? `${p.includeUsers.length} users only` : 'Everyone'}
                          {p.excludeUsers.length ? `, ${p.excludeUsers.length} excluded` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" onClick={() => setOpen(open === p.id ? null : p.id)}>
                          {open === p.id ? 'Close' : 'Settings'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {open === p.id && (
                      <Table.Tr>
                        <Table.Td colSpan={6}>
                          <Settings p={p} onSaved={q.reload} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Card>

          <Group justify="space-between">
            <Title order={2} size="h4">
              Activity policies
            </Title>
            <Select
              placeholder="New activity policy from…"
              aria-label="New activity policy from a template"
              data={[
                { value: '', label: 'A blank policy' },
                ...q.data.templates.map((t) => ({ value: t.id, label: t.name })),
              ]}
              w={340}
              value={null}
              onChange={(v) => {
                const t = q.data?.templates.find((x) => x.id === v);
                setEditing({
                  isNew: true,
                  policy: t
                    ? { ...t, id: `${t.id}-copy`.slice(0, 63) }
                    : {
                        id: 'my-policy',
                        name: 'My policy',
                        description: '',
                        enabled: true,
                        severity: 'Medium',
                        filter: {},
                        mode: { kind: 'every' },
                        dailyLimit: 20,
                        actions: [],
                        template: null,
                      },
                });
              }}
            />
          </Group>
          {editing && (
            <ActivityPolicyEditor
              key={editing.policy.id}
              initial={editing.policy}
              isNew={editing.isNew}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                q.reload();
              }}
            />
          )}
          <Card p={0}>
            {q.data.activity.length === 0 ? (
              <Text size="sm" c="dimmed" p="md">
                None yet. Start from a template above: preview what it would have raised, then save.
              </Text>
            ) : (
              <Table verticalSpacing="sm" data-testid="activity-policies">
                <Table.Tbody>
                  {q.data.activity.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Switch
                          aria-label={`${p.name} on`}
                          checked={p.enabled}
                          onChange={() => void toggleActivity(asInput(p))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {p.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {p.mode.kind === 'repeated'
                            ? `${p.mode.count} or more within ${p.mode.minutes} min`
                            : 'Every matching activity'}{' '}
                          · at most {p.dailyLimit} alerts a day
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <SeverityBadge severity={p.severity} />
                      </Table.Td>
                      <Table.Td>
                        {p.actions.map((a) => (
                          <Badge key={a} variant="outline">
                            {a}
                          </Badge>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end">
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setEditing({ isNew: false, policy: asInput(p) })}
                          >
                            Edit
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => void removeActivity(p.id)}
                          >
                            Delete
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Stack>
      )}
    </>
  );
}
