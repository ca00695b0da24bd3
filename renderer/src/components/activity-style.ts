import type { MantineColor } from '@mantine/core';

/** A colour per kind of activity, so failures and admin actions stand out in a long timeline. */
export function activityTypeColor(type: string, event = ''): MantineColor {
  const s = `${type} ${event}`.toLowerCase();
  if (/fail|denied|block|lock|suspend|invalid|reject/.test(s)) return 'red';
  if (/impersonat/.test(s)) return 'orange';
  if (/admin|role|permission|setting|policy|token|integration|app_/.test(s)) return 'violet';
  if (/login|logon|sign_?in|logout|sign_?out|session|password|2fa|mfa|sso/.test(s)) return 'blue';
  return 'gray';
}
