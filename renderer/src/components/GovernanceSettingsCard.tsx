// Governance settings on the Governance screen: the admin's own account (never suspended or
// signed out — suspend and sign-out are refused until it is set) and how far automatic actions
// from policies may go (dry run, daily cap on suspends).
import { Alert, Button, Card, Group, NumberInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { GovernanceSettingsShape, GovernanceSettingsView } from '../../../preload/contract';
import { errorMessage, guard, onEvent } from '../guard';
import { toast } from '../stores/toasts';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

/**
 * Why suspend and sign-out may be refused: no own account yet, or the one given at connect is
 * still being checked or matched no synced user (main/govern/own-account.ts says which).
 */
function OwnAccountNotice({ settings }: { settings: GovernanceSettingsView }) {
  const asked = settings.askedOwnAccount;
  if (asked?.unmatched)
    return (
      <Alert color="yellow" title="Your own account was not found" role="alert">
        {asked.message}
      </Alert>
    );
  if (asked)
    return (
      <Alert color="blue" title="Checking your own account">
        {asked.message}
      </Alert>
    );
  if (settings.ownAccount) return null;
  return (
    <Alert color="yellow" title="Mark your own account">
      Suspend and sign-out stay refused until the console knows which account is yours, so it can never lock you out.
    </Alert>
  );
}

export function GovernanceSettingsCard() {
  const q = useGuardQuery(() => guard.governance.getSettings(), []);
  const { reload } = q;
  // The own account given at connect is matched after the first sync: show the outcome when it lands.
  useEffect(() => onEvent('governance.settings', reload), [reload]);
  const [draft, setDraft] = useState<GovernanceSettingsShape | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (q.data) setDraft(q.data);
  }, [q.data]);
  if (q.error) return <ErrorAlert title="Could not load the governance settings" error={q.error} onRetry={q.reload} />;
  if (!draft || !q.data) return <LoadingRows rows={2} />;
  const dirty = JSON.stringify(draft) !== JSON.stringify(q.data);

  async function save() {
    setSaving(true);
    try {
      await guard.governance.updateSettings({
        ownAccount: draft!.ownAccount?.trim() || null,
        automaticDryRun: draft!.automaticDryRun,
        automaticSuspendsPerDay: draft!.automaticSuspendsPerDay,
      });
      toast({ tone: 'success', title: 'Governance settings saved' });
      q.reload();
    } catch (e) {
      toast({ tone: 'error', title: 'Not saved', message: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card>
      <Stack gap="sm">
        <Group gap="xs">
          <IconShieldLock size={18} />
          <Title order={2} size="h5">
            Safety settings
          </Title>
        </Group>
        <OwnAccountNotice settings={q.data} />
        <TextInput
          label="Your own account (username or id)"
          description="Never suspended or signed out by this console."
          value={draft.ownAccount ?? ''}
          onChange={(e) => setDraft({ ...draft, ownAccount: e.currentTarget.value })}
          maw={420}
        />
        <Switch
          label="Automatic actions from policies only log what they would do (dry run)"
          checked={draft.automaticDryRun}
          onChange={(e) => setDraft({ ...draft, automaticDryRun: e.currentTarget.checked })}
        />
        <NumberInput
          label="At most this many automatic suspends a day"
          min={0}
          max={1000}
          value={draft.automaticSuspendsPerDay}
          onChange={(v) => setDraft({ ...draft, automaticSuspendsPerDay: typeof v === 'number' ? v : 0 })}
          maw={260}
        />
        <Group>
          <Button size="xs" disabled={!dirty} loading={saving} onClick={() => void save()}>
            Save
          </Button>
          {!dirty && (
            <Text size="xs" c="dimmed">
              No unsaved changes
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
