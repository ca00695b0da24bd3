// The one confirmation every governance action goes through, from wherever it was clicked (an
// alert, a user, an activity): it names the user, the action and the reason, shows a refusal
// before anything is sent (own account, last admin), asks for the typed email of an admin
// account, and then shows the result — done, queued (with why) or failed (with Workplace's
// own words) — without leaving the page.
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockPause } from '@tabler/icons-react';
import { useState } from 'react';
import type { GovernanceAction, GovernanceEntry } from '../../../preload/contract';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

export type GovernanceRequest = {
  action: GovernanceAction;
  /** User id or username. */
  user: string;
  reason?: string;
  alertId?: string;
};

const TITLES: Record<GovernanceAction, string> = {
  suspend: 'Suspend user',
  unsuspend: 'Unsuspend user',
  signout: 'Sign out of every session',
  notify: 'Send a Work Chat message',
};

const CONFIRM: Record<GovernanceAction, string> = {
  suspend: 'Suspend',
  unsuspend: 'Unsuspend',
  signout: 'Sign out everywhere',
  notify: 'Send message',
};

function ResultView({ entry }: { entry: GovernanceEntry }) {
  const who = entry.target.email ?? entry.target.name;
  if (entry.state === 'succeeded' || entry.state === 'dry-run')
    return (
      <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`Done: ${who}`}>
        {entry.note}
      </Alert>
    );
  if (entry.state === 'queued' || entry.state === 'sending')
    return (
      <Alert color="yellow" icon={<IconClockPause size={18} />} title="Queued — it will be sent">
        {entry.note} It is listed as pending on the Governance screen.
      </Alert>
    );
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`Not done: ${entry.state}`}>
      <Text size="sm">{entry.note}</Text>
      {entry.providerError && (
        <Text size="sm" mt={4}>
          Workplace said: {entry.providerError}
        </Text>
      )}
    </Alert>
  );
}

function DialogBody({ req, onClose }: { req: GovernanceRequest; onClose(): void }) {
  const [reason, setReason] = useState(req.reason ?? '');
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<GovernanceEntry | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const preview = useGuardQuery(
    () => guard.governance.preview({ action: req.action, user: req.user, reason: req.reason, alertId: req.alertId }),
    [req.action, req.user, req.reason, req.alertId],
  );
  if (preview.error) return <ErrorAlert title="Could not check this action" error={preview.error} />;
  const p = preview.data;
  if (!p) return <LoadingRows rows={3} height={28} />;
  const text = message ?? p.message ?? '';
  const needsTyped = p.adminConfirmation !== null;
  const typedOk = !needsTyped || typed.trim().toLowerCase() === p.adminConfirmation?.toLowerCase();
  const canRun =
    !p.refusal && reason.trim().length > 0 && typedOk && !busy && !result && (req.action !== 'notify' || text.trim());

  async function run() {
    setBusy(true);
    setFailure(null);
    try {
      const entry = await guard.governance.run({
        action: req.action,
        user: p!.target.id,
        reason: reason.trim(),
        alertId: req.alertId,
        message: req.action === 'notify' ? text : undefined,
        confirmAdmin: needsTyped ? typed.trim() : undefined,
      });
      setResult(entry);
      toast({
        tone: entry.state === 'succeeded' ? 'success' : entry.state === 'queued' ? 'info' : 'error',
        title: `${TITLES[req.action]}: ${entry.state}`,
        message: entry.note ?? undefined,
      });
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm" fw={600} data-testid="governance-statement">
        {p.statement}
      </Text>
      <Text size="sm" c="dimmed">
        {p.target.name} · {p.target.email ?? p.target.id} · {p.target.active ? 'active' : 'suspended'}
        {p.target.admin ? ' · system admin' : ''}
      </Text>
      {p.refusal && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The console will not do this">
          {p.refusal}
        </Alert>
      )}
      <Textarea
        label="Reason (kept in the governance log)"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={2000}
        disabled={!!result}
      />
      {req.action === 'notify' && (
        <Textarea
          label="Message the user will read"
          value={text}
          onChange={(e) => setMessage(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={4000}
          disabled={!!result}
        />
      )}
      {needsTyped && !p.refusal && (
        <TextInput
          label={`This is a system admin account. Type ${p.adminConfirmation} to confirm.`}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          disabled={!!result}
          autoComplete="off"
        />
      )}
      {failure && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not done">
          {failure}
        </Alert>
      )}
      {result && <ResultView entry={result} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {result ? 'Close' : 'Cancel'}
        </Button>
        {!result && (
          <Button
            color={req.action === 'notify' || req.action === 'unsuspend' ? 'blue' : 'red'}
            loading={busy}
            disabled={!canRun}
            onClick={() => void run()}
          >
            {CONFIRM[req.action]}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function GovernanceDialog({ request, onClose }: { request: GovernanceRequest | null; onClose(): void }) {
  return (
    <Modal opened={request !== null} onClose={onClose} title={request ? TITLES[request.action] : ''} size="lg">
      {request && <DialogBody key={`${request.action}:${request.user}`} req={request} onClose={onClose} />}
    </Modal>
  );
}
