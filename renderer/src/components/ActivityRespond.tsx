// The drawer's response buttons for the activity's actor. The actor is looked up among the synced
// users first, so a suspended user is offered Unsuspend, not a second Suspend.
import { Text } from '@mantine/core';
import { guard } from '../guard';
import { GovernanceButtons } from './GovernanceButtons';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

/** The synced user an activity's actor names (their id, email or name); null when none matches. */
function useActorUser(actor: string) {
  return useGuardQuery(async () => {
    const page = await guard.users.list({ search: actor, limit: 5 });
    const wanted = actor.toLowerCase();
    return (
      page.items.find((u) => u.id === actor || u.email?.toLowerCase() === wanted || u.name.toLowerCase() === wanted) ??
      null
    );
  }, [actor]);
}

export function ActivityRespond({ actor, reason }: { actor: string; reason: string }) {
  const user = useActorUser(actor);
  if (user.error) return <ErrorAlert title="Could not look up this user" error={user.error} onRetry={user.reload} />;
  if (user.loading && user.data === undefined) return <LoadingRows rows={1} height={28} />;
  if (!user.data) {
    return (
      <Text size="sm" c="dimmed">
        {actor} is not among the synced users, so there is no account here to act on.
      </Text>
    );
  }
  return <GovernanceButtons user={user.data.id} active={user.data.active} reason={reason} />;
}
