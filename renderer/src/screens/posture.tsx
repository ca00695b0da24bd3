// Posture: how well the organisation is configured. The score and its trend first, then each
// recommendation (Adopt SSO first) with the numbers, why it matters, the steps to fix it, the
// accounts it affects, and its status — the admin's to choose, except Completed, which the
// console sets when the check passes and clears when it fails again.
import {
  Accordion,
  Badge,
  Card,
  Group,
  List,
  RingProgress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconChecklist, IconCircleCheck, IconAlertTriangle } from '@tabler/icons-react';
import type { PostureReportShape, PostureStatusValue } from '../../../preload/contract';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingCards } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatDateTime, formatNumber } from '../format';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';
import { useState } from 'react';

const STATUS_LABEL: Record<PostureStatusValue, string> = {
  to_address: 'To address',
  planned: 'Planned',
  risk_accepted: 'Risk accepted',
  resolved_third_party: 'Resolved through third party',
  resolved_alternate: 'Resolved through alternate mitigation',
  completed: 'Completed',
};
const ADMIN_CHOICES = (Object.keys(STATUS_LABEL) as PostureStatusValue[]).filter((s) => s !== 'completed');

function scoreColor(score: number) {
  return score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red';
}

function ScoreCard({ report }: { report: PostureReportShape }) {
  const failing = report.recommendations.filter((r) => !r.passed).length;
  const prev = report.history.length > 1 ? report.history[report.history.length - 2] : null;
  return (
    <Card>
      <Group gap="xl" wrap="nowrap">
        <RingProgress
          size={120}
          thickness={12}
          roundCaps
          sections={[{ value: report.score, color: scoreColor(report.score) }]}
          label={
            <Text ta="center" fw={700} size="xl" data-testid="posture-score">
              {report.score}
            </Text>
          }
        />
        <Stack gap={4}>
          <Title order={2} size="h4">
            Posture score {report.score} / 100
          </Title>
          <Text size="sm" c="dimmed">
            {failing === 0
              ? 'Every check passes.'
              : `${failing} of ${report.recommendations.length} checks need attention.`}{' '}
            {prev ? `Previous: ${prev.score} on ${formatDateTime(prev.at)}.` : 'This is the first evaluation.'}
          </Text>
          <Text size="xs" c="dimmed">
            Evaluated {formatDateTime(report.evaluatedAt)} from the synced users and activity.
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

export function PostureScreen() {
  const q = useGuardQuery(() => guard.posture.report(), []);
  const [saving, setSaving] = useState<string | null>(null);
  const [report, setReport] = useState<PostureReportShape | null>(null);
  const data = report ?? q.data;

  async function setStatus(id: string, status: PostureStatusValue) {
    if (status === 'completed') return;
    setSaving(id);
    try {
      setReport(await guard.posture.setStatus({ id, status }));
    } catch (e) {
      toast({ tone: 'error', title: 'Status not saved', message: errorMessage(e) });
    } finally {
      setSaving(null);
    }
  }

  return (
    <>
      <PageHeader
        title="Posture"
        description="How well the organisation is configured, with recommendations and the accounts they affect."
      />
      {q.error ? (
        <ErrorAlert title="Could not evaluate the posture" error={q.error} onRetry={q.reload} />
      ) : !data ? (
        <LoadingCards count={3} />
      ) : data.recommendations.length === 0 ? (
        <Empty icon={<IconChecklist size={26} />} title="No recommendations">
          Connect an organisation: posture is computed from its synced users and activity.
        </Empty>
      ) : (
        <Stack gap="md">
          <ScoreCard report={data} />
          <Accordion
            variant="separated"
            multiple
            defaultValue={[data.recommendations.find((r) => !r.passed)?.id ?? '']}
          >
            {data.recommendations.map((r) => (
              <Accordion.Item key={r.id} value={r.id} data-testid={`posture-${r.id}`}>
                <Accordion.Control
                  icon={
                    r.passed ? (
                      <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" />
                    ) : (
                      <IconAlertTriangle size={20} color="var(--mantine-color-orange-7)" />
                    )
                  }
                >
                  <Group justify="space-between" wrap="nowrap" pr="sm">
                    <Stack gap={0}>
                      <Text fw={600}>{r.title}</Text>
                      <Text size="sm" c="dimmed">
                        {r.summary}
                      </Text>
                    </Stack>
                    <Badge variant="light" color={r.status === 'completed' ? 'teal' : r.passed ? 'teal' : 'orange'}>
                      {STATUS_LABEL[r.status]}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                    <Stack gap="sm">
                      <Text size="sm">{r.why}</Text>
                      <Text size="sm" fw={600}>
                        How to fix it
                      </Text>
                      <List type="ordered" size="sm" spacing={4}>
                        {r.remediation.map((step) => (
                          <List.Item key={step}>{step}</List.Item>
                        ))}
                      </List>
                      <Select
                        label="Status"
                        description={
                          r.status === 'completed'
                            ? 'Set by the console: the check passes.'
                            : 'Completed is set by the console when the check passes.'
                        }
                        data={ADMIN_CHOICES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
                        value={r.status === 'completed' ? null : r.status}
                        placeholder={r.status === 'completed' ? 'Completed' : undefined}
                        onChange={(v) => v && void setStatus(r.id, v as PostureStatusValue)}
                        disabled={saving === r.id}
                        allowDeselect={false}
                        w={320}
                      />
                    </Stack>
                    <Stack gap={4}>
                      <Text size="sm" fw={600}>
                        Affected accounts ({formatNumber(r.affectedCount)})
                      </Text>
                      {r.affectedCount === 0 ? (
                        <Text size="sm" c="dimmed">
                          None.
                        </Text>
                      ) : (
                        <List size="sm" spacing={2}>
                          {r.affected.slice(0, 12).map((u) => (
                            <List.Item key={u.id}>
                              {u.name}{' '}
                              <Text span c="dimmed" size="xs">
                                {u.email ?? u.id}
                              </Text>
                            </List.Item>
                          ))}
                        </List>
                      )}
                      {r.affectedCount > 12 && (
                        <Text size="xs" c="dimmed">
                          and {formatNumber(r.affectedCount - 12)} more (`workplace-guard posture --json` lists them
                          all)
                        </Text>
                      )}
                    </Stack>
                  </SimpleGrid>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
    </>
  );
}
