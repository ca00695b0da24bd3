import { Button, Card, NumberInput, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../preload/contract';
import { IntelListsCard } from '../components/IntelListsCard';
import { PageHeader } from '../components/PageHeader';
import { useLeaveGuard } from '../components/RouteLeaveConfirm';
import { ErrorAlert, LoadingRows } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { guard, toGuardError, type GuardError } from '../guard';
import { toast } from '../stores/toasts';

function changes(saved: Settings, draft: Settings): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const k of Object.keys(draft) as (keyof Settings)[]) {
    if (draft[k] !== saved[k]) (out as Record<string, unknown>)[k] = draft[k];
  }
  return out;
}

function valid(d: Settings): boolean {
  return (
    Number.isInteger(d.syncIntervalMinutes) &&
    d.syncIntervalMinutes >= 1 &&
    d.syncIntervalMinutes <= 1440 &&
    Number.isInteger(d.backfillDays) &&
    d.backfillDays >= 0 &&
    d.backfillDays <= 3650
  );
}

export function SettingsScreen() {
  const query = useGuardQuery(() => guard.settings.get(), []);
  const [saved, setSaved] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<GuardError | null>(null);

  useEffect(() => {
    if (query.data) {
      setSaved(query.data);
      setDraft(query.data);
    }
  }, [query.data]);

  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const patch = saved && draft ? changes(saved, draft) : {};
  const dirty = Object.keys(patch).length > 0;
  // IP list URLs are saved list by list in their card; an unsaved one holds the screen too.
  const [listUrlsDirty, setListUrlsDirty] = useState(false);
  useLeaveGuard(
    dirty
      ? 'Your changes to the settings are not saved.'
      : listUrlsDirty
        ? 'An IP list URL you changed is not saved.'
        : null,
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !dirty || !valid(draft)) return;
    setSaving(true);
    setSaveError(null);
    guard.settings.update(patch).then(
      (next) => {
        setSaved(next);
        setDraft(next);
        setSaving(false);
        toast({ tone: 'success', title: 'Settings saved' });
      },
      (err: unknown) => {
        setSaveError(toGuardError(err));
        setSaving(false);
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Settings"
        description={
          'How often Workplace Guard syncs, how far back it reaches, how it asks for consent, ' +
          'and where its IP lists come from.'
        }
        actions={
          draft && (
            <>
              {dirty ? (
                <Text size="sm" c="orange">
                  Unsaved changes
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  No unsaved changes
                </Text>
              )}
              <Button variant="default" disabled={!dirty || saving} onClick={() => setDraft(saved)}>
                Discard
              </Button>
              <Button
                type="submit"
                form="settings-form"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={saving}
                disabled={!dirty || !valid(draft)}
              >
                Save changes
              </Button>
            </>
          )
        }
      />
      {query.error ? (
        <ErrorAlert title="Could not load the settings" error={query.error} onRetry={query.reload} />
      ) : !draft ? (
        <LoadingRows rows={5} height={56} />
      ) : (
        <form id="settings-form" onSubmit={onSubmit} noValidate>
          <Stack gap="lg" maw={720}>
            <Card>
              <Title order={2} size="h4" mb="md">
                Sync
              </Title>
              <Stack gap="md">
                <NumberInput
                  label="Sync every (minutes)"
                  description={
                    'Also syncs at start, on waking from sleep, when the network returns, and on “Sync now”.'
                  }
                  min={1}
                  max={1440}
                  step={5}
                  allowDecimal={false}
                  value={draft.syncIntervalMinutes}
                  onChange={(v) => set('syncIntervalMinutes', typeof v === 'number' ? v : Number.NaN)}
                  error={!valid({ ...draft, backfillDays: 0 }) ? 'A whole number from 1 to 1440' : undefined}
                  styles={{ wrapper: { maxWidth: 220 } }}
                />
                <NumberInput
                  label="Back-fill on first connect (days)"
                  description={
                    'How much history the first sync fetches. 0 means from now on only. ' +
                    'Applies the next time an organisation is connected.'
                  }
                  min={0}
                  max={3650}
                  allowDecimal={false}
                  value={draft.backfillDays}
                  onChange={(v) => set('backfillDays', typeof v === 'number' ? v : Number.NaN)}
                  error={!valid({ ...draft, syncIntervalMinutes: 15 }) ? 'A whole number from 0 to 3650' : undefined}
                  styles={{ wrapper: { maxWidth: 220 } }}
                />
              </Stack>
            </Card>
            <Card>
              <Title order={2} size="h4" mb="md">
                Consent
              </Title>
              <Radio.Group
                label="Where “Add to Workplace” opens"
                value={draft.consentMode}
                onChange={(v) => set('consentMode', v as Settings['consentMode'])}
              >
                <Stack gap="sm" mt="xs">
                  <Radio
                    value="window"
                    label="In a separate, locked-down app window"
                    description="Recommended: the consent page cannot reach anything else in the app."
                  />
                  <Radio
                    value="system-browser"
                    label="In your system browser"
                    description={
                      'Use this if your organisation signs in with a password manager ' +
                      'or security key in the browser.'
                    }
                  />
                </Stack>
              </Radio.Group>
            </Card>
            <Card>
              <Title order={2} size="h4" mb="md">
                Notifications
              </Title>
              <Switch
                label="Desktop notifications"
                description="For new alerts and when the connector stops with an error."
                checked={draft.notifications}
                onChange={(e) => set('notifications', e.currentTarget.checked)}
              />
            </Card>
            {saveError && <ErrorAlert title="The settings were not saved" error={saveError} />}
          </Stack>
        </form>
      )}
      {/* Outside the form: the lists apply their own changes, and their table wants the width. */}
      {draft && (
        <Stack mt="lg" maw={1080}>
          <IntelListsCard onDirty={setListUrlsDirty} />
        </Stack>
      )}
    </>
  );
}
