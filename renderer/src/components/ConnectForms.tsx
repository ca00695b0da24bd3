// The three ways to connect a real organisation. Secrets are typed into password fields,
// sent once to main (which keeps them with its secret store), and never shown again. Where they
// are kept is the secret store's own sentence (app.info keyring.sentence): a browser console or
// a Linux machine without a keyring must not be told "system keyring".
import { Alert, Button, Group, PasswordInput, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconLogin2, IconServerBolt } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectorStatus, OtherOrganisationRefusal } from '../../../preload/contract';
import { errorMessage, guard, toGuardError } from '../guard';
import { useConnector } from '../stores/connector';
import { toast } from '../stores/toasts';
import { OtherOrganisationChoice, type OtherOrganisationAnswer } from './OtherOrganisationChoice';
import { useGuardQuery } from './useGuardQuery';

export type ConnectMethod = 'consent' | 'token' | 'app_credentials';

function validUrl(u: string): boolean {
  try {
    const p = new URL(u);
    return p.protocol === 'https:' || p.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The field description for a secret: where the backend really keeps it. */
function useSecretDescription(): string {
  const { data } = useGuardQuery(() => guard.app.info(), []);
  // Until main answers, claim nothing about where it goes.
  return data ? `${data.keyring.sentence} Never shown again.` : 'Never shown again.';
}

/** A connect: sent as typed, or again with the admin's answer when another organisation's data is held. */
type ConnectOp = (otherOrganisation?: OtherOrganisationAnswer) => Promise<ConnectorStatus>;

function useConnectForm(label: string) {
  const run = useConnector((s) => s.run);
  const busy = useConnector((s) => s.busy);
  const [error, setError] = useState<string | null>(null);
  // The refused connect, kept to be sent again with the admin's choice (the secret stays in the form until then).
  const [refused, setRefused] = useState<{
    refusal: OtherOrganisationRefusal;
    op: ConnectOp;
    onDone: () => void;
  } | null>(null);
  const submit = (op: ConnectOp, onDone: () => void, answer?: OtherOrganisationAnswer) => {
    setError(null);
    setRefused(null);
    run(label, () => op(answer)).then(
      (status) => {
        onDone();
        toast({
          tone: 'success',
          title: status.organisation ? `Connected to ${status.organisation.name}` : 'Connected',
          message: 'The first sync has started.',
        });
      },
      (e: unknown) => {
        // Recognised by the error's field, not its wording: main names both organisations there.
        const refusal = toGuardError(e).otherOrganisation;
        if (refusal && !answer) setRefused({ refusal, op, onDone });
        else setError(errorMessage(e));
      },
    );
  };
  const choice = refused && (
    <OtherOrganisationChoice
      refusal={refused.refusal}
      busy={busy === label}
      onChoose={(answer) => submit(refused.op, refused.onDone, answer)}
      onCancel={() => setRefused(null)}
    />
  );
  return { submit, error, choice, loading: busy === label, disabled: !!busy && busy !== label };
}

function ApiBaseField({ value, onChange }: { value: string; onChange(v: string): void }) {
  const invalid = value.trim() !== '' && !validUrl(value.trim());
  return (
    <TextInput
      label="API base URL (optional)"
      description="Leave empty for Workplace’s own servers. Set it for a Workplace-compatible or test server."
      placeholder="https://graph.workplace.com"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={invalid ? 'Must be an http(s) URL' : undefined}
      autoComplete="off"
      spellCheck={false}
    />
  );
}

const OWN_ACCOUNT_MAX = 320;

/**
 * Asked at connect so that suspend and sign-out can never lock the admin out (issue 10 req 2):
 * optional, because the Governance screen can set it later, but until then those stay refused.
 */
function OwnAccountField({ value, onChange }: { value: string; onChange(v: string): void }) {
  return (
    <TextInput
      label="Your own account (email or id)"
      description={
        'Never suspended or signed out by this console. Checked against your users after the first sync; ' +
        'left empty, suspend and sign-out stay refused until you set it on the Governance screen.'
      }
      placeholder="you@example.com"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={value.trim().length > OWN_ACCOUNT_MAX ? `At most ${OWN_ACCOUNT_MAX} characters` : undefined}
      autoComplete="off"
      spellCheck={false}
    />
  );
}

/** The own account as the contract takes it: absent when left empty. */
function ownAccountInput(value: string): { ownAccount?: string } {
  return value.trim() ? { ownAccount: value.trim() } : {};
}

function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Not connected" role="alert">
      {error}
    </Alert>
  );
}

function Intro({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function AppForm({ method }: { method: 'consent' | 'app_credentials' }) {
  const secretDescription = useSecretDescription();
  const [appId, setAppId] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [apiBase, setApiBase] = useState('');
  const [ownAccount, setOwnAccount] = useState('');
  const f = useConnectForm(method);
  const canSubmit =
    appId.trim().length > 0 &&
    appSecret.length >= 8 &&
    (apiBase.trim() === '' || validUrl(apiBase.trim())) &&
    ownAccount.trim().length <= OWN_ACCOUNT_MAX;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const input = {
      appId: appId.trim(),
      appSecret,
      ...(apiBase.trim() ? { apiBase: apiBase.trim() } : {}),
      ...ownAccountInput(ownAccount),
    };
    f.submit(
      (otherOrganisation) => {
        const sent = { ...input, ...(otherOrganisation && { otherOrganisation }) };
        return method === 'consent'
          ? guard.connector.connectConsent(sent)
          : guard.connector.connectAppCredentials(sent);
      },
      () => setAppSecret(''),
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={520}>
        <Intro>
          {method === 'consent'
            ? 'Opens Workplace’s “Add to Workplace” page, where an admin of your organisation approves ' +
              'the app’s permissions. Nothing is stored until you approve.'
            : 'Uses the App ID and App Secret of an app created in Meta Admin Center. ' +
              'Access tokens are renewed automatically before they expire.'}
        </Intro>
        <TextInput
          label="App ID"
          required
          value={appId}
          onChange={(e) => setAppId(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <PasswordInput
          label="App secret"
          required
          description={secretDescription}
          value={appSecret}
          onChange={(e) => setAppSecret(e.currentTarget.value)}
          autoComplete="new-password"
          error={appSecret.length > 0 && appSecret.length < 8 ? 'At least 8 characters' : undefined}
        />
        <OwnAccountField value={ownAccount} onChange={setOwnAccount} />
        <ApiBaseField value={apiBase} onChange={setApiBase} />
        <FormError error={f.error} />
        {f.choice}
        <Group>
          <Button type="submit" loading={f.loading} disabled={!canSubmit || f.disabled}>
            {method === 'consent' ? 'Add to Workplace' : 'Connect with app credentials'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenForm() {
  const secretDescription = useSecretDescription();
  const [token, setToken] = useState('');
  const [apiBase, setApiBase] = useState('');
  const [ownAccount, setOwnAccount] = useState('');
  const f = useConnectForm('token');
  const canSubmit =
    token.trim().length >= 8 &&
    (apiBase.trim() === '' || validUrl(apiBase.trim())) &&
    ownAccount.trim().length <= OWN_ACCOUNT_MAX;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const input = {
      token: token.trim(),
      ...(apiBase.trim() ? { apiBase: apiBase.trim() } : {}),
      ...ownAccountInput(ownAccount),
    };
    f.submit(
      (otherOrganisation) =>
        guard.connector.connectToken({ ...input, ...(otherOrganisation && { otherOrganisation }) }),
      () => setToken(''),
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={520}>
        <Intro>
          Paste the access token of a custom integration (Admin panel → Integrations). Give it the “Read audit logs”,
          “Read user email” and “Manage accounts” permissions for every feature to work.
        </Intro>
        <PasswordInput
          label="Access token"
          required
          description={secretDescription}
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          autoComplete="new-password"
          error={token.length > 0 && token.trim().length < 8 ? 'That is too short to be a token' : undefined}
        />
        <OwnAccountField value={ownAccount} onChange={setOwnAccount} />
        <ApiBaseField value={apiBase} onChange={setApiBase} />
        <FormError error={f.error} />
        {f.choice}
        <Group>
          <Button type="submit" loading={f.loading} disabled={!canSubmit || f.disabled}>
            Connect with token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ConnectForms({ initial = 'consent' }: { initial?: ConnectMethod }) {
  return (
    <Tabs defaultValue={initial} keepMounted={false}>
      <Tabs.List mb="lg">
        <Tabs.Tab value="consent" leftSection={<IconLogin2 size={16} />}>
          Add to Workplace
        </Tabs.Tab>
        <Tabs.Tab value="token" leftSection={<IconKey size={16} />}>
          Custom integration token
        </Tabs.Tab>
        <Tabs.Tab value="app_credentials" leftSection={<IconServerBolt size={16} />}>
          Admin Center app credentials
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="consent">
        <AppForm method="consent" />
      </Tabs.Panel>
      <Tabs.Panel value="token">
        <TokenForm />
      </Tabs.Panel>
      <Tabs.Panel value="app_credentials">
        <AppForm method="app_credentials" />
      </Tabs.Panel>
    </Tabs>
  );
}
