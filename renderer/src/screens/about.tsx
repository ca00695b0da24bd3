import { Alert, Anchor, Badge, Card, Code, Group, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconExternalLink, IconKeyOff, IconShieldLock } from '@tabler/icons-react';
import { openExternal } from '../components/external';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert, LoadingRows } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { guard } from '../guard';

const shellLabel = { electron: 'Desktop app', browser: 'Browser console', node: 'Command line' } as const;

export function AboutScreen() {
  const { data: info, error, loading, reload } = useGuardQuery(() => guard.app.info(), []);
  return (
    <>
      <PageHeader
        title="About"
        description="Version, where your data lives, and the third-party data this console is built on."
      />
      {error ? (
        <ErrorAlert title="Could not read the app information" error={error} onRetry={reload} />
      ) : loading || !info ? (
        <LoadingRows rows={6} height={48} />
      ) : (
        <Stack gap="lg" maw={860}>
          {!info.keyring.secure && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconKeyOff size={18} />}
              title="No secure keyring on this computer"
              role="alert"
            >
              {info.keyring.warning ??
                'Secrets (tokens, app secrets) cannot be encrypted by the operating system here, ' +
                  'so they are only obscured on disk.'}{' '}
              <Text span size="sm" c="dimmed">
                Storage: {info.keyring.backend}.
              </Text>
            </Alert>
          )}
          <Card>
            <Group gap="md" wrap="nowrap" align="flex-start">
              <ThemeIcon size={48} radius="md">
                <IconShieldLock size={28} />
              </ThemeIcon>
              <Stack gap={4}>
                <Group gap="xs">
                  <Title order={2} size="h3">
                    {info.name}
                  </Title>
                  <Badge variant="light">{info.version}</Badge>
                  <Badge variant="outline" color="gray">
                    {shellLabel[info.shell]}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  A local-first security console for one Workplace organisation. Everything synced stays on this
                  computer.
                </Text>
              </Stack>
            </Group>
            <Stack gap={4} mt="lg">
              <Text size="sm" fw={600}>
                Data directory
              </Text>
              <Code block data-testid="data-dir">
                {info.dataDir}
              </Code>
              {info.keyring.secure && (
                <Text size="xs" c="dimmed">
                  Secrets are encrypted with the system keyring ({info.keyring.backend}).
                </Text>
              )}
            </Stack>
          </Card>
          <Card>
            <Title order={2} size="h4" mb="md">
              Attributions
            </Title>
            <Stack gap="md">
              {info.attributions.map((a) => (
                <div key={a.name}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {a.name}
                    </Text>
                    <Badge size="xs" variant="light" color="gray">
                      {a.licence}
                    </Badge>
                  </Group>
                  <Text size="sm">{a.text}</Text>
                  <Anchor size="sm" href={a.url} onClick={openExternal(a.url)}>
                    <Group gap={4} component="span" display="inline-flex">
                      {a.url} <IconExternalLink size={14} />
                    </Group>
                  </Anchor>
                </div>
              ))}
            </Stack>
          </Card>
          <Card>
            <Title order={2} size="h4" mb="md">
              Versions
            </Title>
            <Table verticalSpacing={4} fz="sm">
              <Table.Tbody>
                {Object.entries(info.versions)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Td w={200} c="dimmed">
                        {k}
                      </Table.Td>
                      <Table.Td ff="monospace">{v}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </>
  );
}
