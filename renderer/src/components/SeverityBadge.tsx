import { Badge } from '@mantine/core';
import { severityColor, type Severity } from '../theme';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge variant={severity === 'High' ? 'filled' : 'light'} color={severityColor[severity]} radius="sm">
      {severity}
    </Badge>
  );
}
