// One alert's page: the story (title, why it fired with the numbers, the linked activities, the
// user's recent behaviour) and what the admin can do from here — respond (governance), tune the
// policy (tag the IP, exclude the user, change sensitivity), classify and resolve.
import { Badge, Button, Card, Grid, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import type { AlertClassification, AlertDetail, AlertStatus } from '../../../preload/contract';
import { countryName, formatDateTime, formatNumber, formatPlace, formatRelative } from '../format';
import { errorMessage, guard } from '../guard';
import { refreshOpenAlerts } from '../stores/open-alerts';
import { toast } from '../stores/toasts';
import { EvidenceView } from './EvidenceView';
import { GovernanceButtons } from './GovernanceButtons';
import { SeverityBadge } from './SeverityBadge';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

const STATUS_COLOR: Record<AlertStatus, string> = { New: 'indigo', 'In progress': 'yellow', Resolved: 'gray' };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** The user as synced (for the governance buttons and the behaviour summary); null when unknown. */
function useAlertUser(name: string | undefined) {
  return useGuardQuery(async () => {
    if (!name) return null;
    const page = await guard.users.list({ search: name, limit: 5 });
    const n = name.toLowerCase();
    const u = page.items.find((x) => x.email?.toLowerCase() === n || x.id === name) ?? null;
    return u ? guard.users.summary({ id: u.id }) : null;
  }, [name]);
}

function Behaviour({ name }: { name: string }) {
  const q = useAlertUser(name);
  if (q.error) return <ErrorAlert title="The user's activity could not be loaded" error={q.error} />;
  if (q.loading && !q.data) return <LoadingRows rows={3} />;
  const s = q.data;
  if (!s) return <Text size="sm">{name} is not among the synced users.</Text>;
  const state = `${s.user.admin ? 'admin · ' : ''}${s.user.active ? 'active' : 'suspended'}`;
  const who = `${s.user.name}${s.user.email ? ` <${s.user.email}>` : ''}`;
  const counted = `${s.activityCount} activities, last ${formatRelative(s.lastActivityAt)}`;
  return (
    <Stack gap={6} data-testid="user-behaviour">
      <Text size="sm">
        <b>{who}</b> · {state} · {counted}
      </Text>
      <Text size="sm">
        <b>Usual countries:</b>{' '}
        {s.countries
          .slice(0, 5)
          .map((c) => `${countryName(c.country)} (${c.count})`)
          .join(', ') || '—'}
      </Text>
      <Text size="sm">
        <b>Addresses:</b>{' '}
        {s.ips
          .slice(0, 5)
          .map((i) => `${i.ip}${i.country ? ` (${i.country})` : ''}`)
          .join(', ') || '—'}
      </Text>
    </Stack>
  );
}

function Respond({ alert }: { alert: AlertDetail }) {
  const q = useAlertUser(alert.users[0]);
  const u = q.data?.user;
  if (!u) return <Text size="sm">{alert.users[0] ? 'Looking up the user…' : 'This alert names no user.'}</Text>;
  return <GovernanceButtons user={u.id} active={u.active} reason={alert.title} alertId={alert.id} />;
}

function Tune({ alert, onDone }: { alert: AlertDetail; onDone(): void }) {
  const [ip, setIp] = useState<string | null>(alert.ips[alert.ips.length - 1] ?? null);
  const [busy, setBusy] = useState(false);
  const anomaly = !alert.policy.startsWith('activity:') && !alert.policy.startsWith('system:');
  const run = async (input: Parameters<typeof guard.alerts.tune>[0]) => {
    setBusy(true);
    try {
      const r = await guard.alerts.tune(input!);
      toast({ tone: 'success', title: 'Tuned', message: r.message });
      onDone();
    } catch (e) {
      toast({ tone: 'error', title: 'Not tuned', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" data-testid="tune">
      {alert.ips.length > 0 && (
        <Group gap="xs" align="flex-end">
          <Select label="Tag this IP" data={alert.ips} value={ip} onChange={setIp} w={190} />
          {(['Corporate', 'VPN', 'Risky'] as const).map((category) => (
            <Button
              key={category}
              size="xs"
              variant="light"
              loading={busy}
              disabled={!ip}
              onClick={() => void run({ action: 'tagIp', alertId: alert.id, cidr: ip!, category })}
            >
              as {category}
            </Button>
          ))}
        </Group>
      )}
      {anomaly && (
        <Group gap="xs" align="flex-end">
          {alert.users[0] && (
            <Button
              size="xs"
              variant="light"
              loading={busy}
              onClick={() => void run({ action: 'excludeUser', alertId: alert.id })}
            >
              Exclude {alert.users[0]} from {alert.policyName}
            </Button>
          )}
          <Select
            label="Policy sensitivity"
            placeholder="Change…"
            data={['Low', 'Medium', 'High']}
            w={150}
            onChange={(v) => v && void run({ action: 'sensitivity', alertId: alert.id, sensitivity: v as 'Low' })}
          />
        </Group>
      )}
      <Text size="xs" c="dimmed">
        Tuning applies from the next evaluation; this alert stays as it is.
      </Text>
    </Stack>
  );
}

function Classify({ alert, onDone }: { alert: AlertDetail; onDone(): void }) {
  const [status, setStatus] = useState<AlertStatus>(alert.status === 'New' ? 'Resolved' : alert.status);
  const [classification, setClassification] = useState<AlertClassification | null>(alert.classification);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await guard.alerts.setStatus({
        ids: [alert.id],
        status,
        ...(status === 'Resolved' && classification ? { classification } : {}),
        ...(comment.trim() ? { comment } : {}),
      });
      toast({ tone: 'success', title: `${alert.id}: ${status}` });
      refreshOpenAlerts();
      onDone();
    } catch (e) {
      toast({ tone: 'error', title: 'Not saved', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" data-testid="classify">
      <Group grow>
        <Select
          label="Status"
          data={['New', 'In progress', 'Resolved']}
          value={status}
          onChange={(v) => v && setStatus(v as AlertStatus)}
        />
        <Select
          label="Classification"
          data={['True positive', 'Informational / expected activity', 'False positive']}
          value={classification}
          onChange={(v) => setClassification(v as AlertClassification | null)}
          disabled={status !== 'Resolved'}
          clearable
        />
      </Group>
      <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} />
      <Group>
        <Button loading={busy} onClick={() => void save()}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}

export function AlertPage({ id, onBack }: { id: string; onBack(): void }) {
  const q = useGuardQuery(() => guard.alerts.get({ id }), [id]);
  const a = q.data;
  return (
    <Stack gap="md">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          All alerts
        </Button>
      </Group>
      {q.error ? (
        <ErrorAlert title="The alert could not be loaded" error={q.error} onRetry={q.reload} />
      ) : !a ? (
        <LoadingRows />
      ) : (
        <>
          <Stack gap={6}>
            <Title order={1} size="h2">
              {a.title}
            </Title>
            <Group gap="xs">
              <SeverityBadge severity={a.severity} />
              <Badge variant="light" color={STATUS_COLOR[a.status]} data-testid="alert-status">
                {a.status}
              </Badge>
              {a.classification && <Badge variant="outline">{a.classification}</Badge>}
              <Badge variant="outline" color="gray">
                MITRE: {a.mitre}
              </Badge>
              <Text size="sm" c="dimmed">
                {a.policyName} · {a.id} · raised {formatDateTime(a.createdAt)}
                {a.count > 1 ? ` · fired ${a.count} times, last ${formatRelative(a.lastSeen)}` : ''}
              </Text>
            </Group>
            <Text size="sm" maw={860}>
              {a.description}
            </Text>
          </Stack>
          <Grid>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="md">
                <Section title="Why it fired">
                  {/* The first firing: the one the title and the sentence above tell, with the same numbers. */}
                  <EvidenceView values={a.evidence[0]?.values ?? {}} />
                  {a.count > 1 && (
                    <Text size="xs" c="dimmed" mt="sm" data-testid="first-of-firings">
                      The first of {formatNumber(a.count)} firings; the linked activities below include every one.
                    </Text>
                  )}
                  {a.policyDescription && (
                    <Text size="xs" c="dimmed" mt="sm">
                      {a.policyDescription}
                    </Text>
                  )}
                </Section>
                <Section title={`Linked activities (${a.activityIds.length})`}>
                  <Table verticalSpacing={4} data-testid="linked-activities">
                    <Table.Tbody>
                      {a.activities.map((x) => (
                        <Table.Tr key={x.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(x.at)}</Table.Td>
                          <Table.Td>{x.type}</Table.Td>
                          <Table.Td>{x.actor ?? '—'}</Table.Td>
                          <Table.Td>{formatPlace(x.country, x.city)}</Table.Td>
                          <Table.Td>{x.ip ?? '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Section>
                {a.users[0] && (
                  <Section title="The user's recent behaviour">
                    <Behaviour name={a.users[0]} />
                  </Section>
                )}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="md">
                <Section title="Respond">
                  <Respond alert={a} />
                </Section>
                <Section title="Classify and resolve">
                  <Classify key={a.updatedAt} alert={a} onDone={q.reload} />
                </Section>
                <Section title="Tune the policy">
                  <Tune alert={a} onDone={q.reload} />
                </Section>
                <Section title="History">
                  <Stack gap={4}>
                    {a.history.map((h, i) => (
                      <Text size="xs" key={i}>
                        {formatDateTime(h.at)} · {h.by}: {h.field} {h.from ? `${h.from} → ` : ''}
                        {h.to ?? ''}
                        {h.comment ? ` — “${h.comment}”` : ''}
                      </Text>
                    ))}
                  </Stack>
                </Section>
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
