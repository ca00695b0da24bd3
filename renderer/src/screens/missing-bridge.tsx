// Shown instead of the console when the page was opened without its engine (window.guard).
import { Alert, Center, Code, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

export function MissingBridge() {
  return (
    <Center mih="100vh" p="xl">
      <Paper withBorder p="xl" maw={620} shadow="sm">
        <Stack gap="md">
          <ThemeIcon size={48} radius="xl" color="red" variant="light">
            <IconPlugConnectedX size={28} />
          </ThemeIcon>
          <Title order={1} size="h2">
            Workplace Guard can’t reach its engine
          </Title>
          <Text>
            This page is the console’s interface only. The part that stores your data and talks to Workplace was not
            found, so nothing can be shown and nothing was changed.
          </Text>
          <Alert color="gray" variant="light" title="How to open the console">
            <List size="sm" spacing={6}>
              <List.Item>Start the desktop app, or</List.Item>
              <List.Item>
                run <Code>npx workplace-guard serve</Code> and open the exact URL it prints — it carries a one-time
                secret, so a bookmarked or copied address from an earlier launch will not work.
              </List.Item>
            </List>
          </Alert>
        </Stack>
      </Paper>
    </Center>
  );
}
