// The activity policy editor: what to match (types, countries, IP categories, admin), once or
// repeated, severity and daily limit — and the replay preview over stored history before saving.
import {
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { ActivityPolicyInput, ReplayResultView } from '../../../preload/contract';
import { formatDateTime, formatNumber } from '../format';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';
import { SeverityBadge } from './SeverityBadge';

const clean = (xs: string[]) => (xs.length ? xs : undefined);

export function ActivityPolicyEditor({
  initial,
  isNew,
  onSaved,
  onCancel,
}: {
  initial: ActivityPolicyInput;
  isNew: boolean;
  onSaved(): void;
  onCancel(): void;
}) {
  const [p, setP] = useState(initial);
  const [preview, setPreview] = useState<ReplayResultView | null>(null);
  const [busy, setBusy] = useState<'replay' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<ActivityPolicyInput>) => setP((x) => ({ ...x, ...patch }));
  const setFilter = (patch: Partial<ActivityPolicyInput['filter']>) =>
    setP((x) => ({ ...x, filter: { ...x.filter, ...patch } }));
  const repeated = p.mode.kind === 'repeated' ? p.mode : null;

  const replay = async () => {
    setBusy('replay');
    setError(null);
    try {
      setPreview(await guard.policies.replay({ policy: p, limit: 20 }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    setBusy('save');
    setError(null);
    try {
      await (isNew ? guard.policies.createActivity({ policy: p }) : guard.policies.updateActivity({ policy: p }));
      toast({ tone: 'success', title: `Saved ${p.name}`, message: 'It applies from the next evaluation.' });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card withBorder p="md" data-testid="activity-policy-editor">
      <Stack gap="sm">
        <Group grow align="flex-end">
          <TextInput label="Id" value={p.id} disabled={!isNew} onChange={(e) => set({ id: e.currentTarget.value })} />
          <TextInput label="Name" value={p.name} onChange={(e) => set({ name: e.currentTarget.value })} />
          <Select
            label="Severity"
            data={['Informational', 'Low', 'Medium', 'High']}
            value={p.severity}
            onChange={(v) => v && set({ severity: v as ActivityPolicyInput['severity'] })}
          />
        </Group>
        <Group grow align="flex-end">
          <TagsInput
            label="Activity types"
            placeholder="login.failure, file.download…"
            value={p.filter.types ?? []}
            onChange={(v) => setFilter({ types: clean(v) })}
          />
          <TagsInput
            label="Countries (ISO codes)"
            value={p.filter.countries ?? []}
            onChange={(v) => setFilter({ countries: clean(v.map((c) => c.toUpperCase())) })}
          />
        </Group>
        <Group grow align="flex-end">
          <TagsInput
            label="From IP categories"
            placeholder="risky, tor, vpn…"
            value={p.filter.ipTags ?? []}
            onChange={(v) => setFilter({ ipTags: clean(v) })}
          />
          <TagsInput
            label="Not from IP categories"
            placeholder="corporate"
            value={p.filter.notIpTags ?? []}
            onChange={(v) => setFilter({ notIpTags: clean(v) })}
          />
          <Checkbox
            label="Admin activity only"
            checked={p.filter.admin === true}
            onChange={(e) => setFilter({ admin: e.currentTarget.checked ? true : undefined })}
          />
        </Group>
        <Group align="flex-end">
          <Select
            label="Alert on"
            data={[
              { value: 'every', label: 'Every matching activity' },
              { value: 'repeated', label: 'Repeated activity' },
            ]}
            value={p.mode.kind}
            onChange={(v) =>
              set({
                mode: v === 'repeated' ? { kind: 'repeated', count: 10, minutes: 5, perIp: false } : { kind: 'every' },
              })
            }
            w={220}
          />
          {repeated && (
            <>
              <NumberInput
                label="At least (activities)"
                min={2}
                value={repeated.count}
                onChange={(v) => set({ mode: { ...repeated, count: Number(v) || 2 } })}
                w={160}
              />
              <NumberInput
                label="Within (minutes)"
                min={1}
                value={repeated.minutes}
                onChange={(v) => set({ mode: { ...repeated, minutes: Number(v) || 1 } })}
                w={140}
              />
            </>
          )}
          <NumberInput
            label="Alerts per day at most"
            min={1}
            value={p.dailyLimit}
            onChange={(v) => set({ dailyLimit: Number(v) || 1 })}
            w={170}
          />
        </Group>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button variant="light" loading={busy === 'replay'} onClick={() => void replay()}>
            Preview over stored history
          </Button>
          <Button loading={busy === 'save'} onClick={() => void save()}>
            Save policy
          </Button>
          <Button variant="subtle" color="gray" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
        {preview && (
          <Stack gap={4} data-testid="replay-preview">
            <Text size="sm" fw={600}>
              Would have raised {formatNumber(preview.alertCount)} alert{preview.alertCount === 1 ? '' : 's'} (
              {formatNumber(preview.matches)} matching of {formatNumber(preview.scanned)} activities checked
              {preview.heldBackByDailyLimit ? `; ${preview.heldBackByDailyLimit} held back by the daily limit` : ''}).
            </Text>
            <Table verticalSpacing={2}>
              <Table.Tbody>
                {preview.alerts.map((a, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{formatDateTime(a.at)}</Table.Td>
                    <Table.Td>
                      {/* The long titles beside it would squeeze the badge to "M…": it keeps its width. */}
                      <Box miw={96}>
                        <SeverityBadge severity={a.severity} />
                      </Box>
                    </Table.Td>
                    <Table.Td>{a.user ?? '—'}</Table.Td>
                    <Table.Td>{a.title}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
