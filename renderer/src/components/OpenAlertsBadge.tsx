// The live count of open alerts beside "Alerts" in the navigation (red when any is High).
import { Badge } from '@mantine/core';
import { useOpenAlerts } from '../stores/open-alerts';

export function OpenAlertsBadge() {
  const counts = useOpenAlerts((s) => s.counts);
  if (!counts || counts.openTotal === 0) return null;
  return (
    <Badge
      size="sm"
      circle={counts.openTotal < 10}
      color={counts.open.High > 0 ? 'red' : 'orange'}
      data-testid="open-alerts-count"
      aria-label={`${counts.openTotal} open alerts`}
    >
      {counts.openTotal}
    </Badge>
  );
}
