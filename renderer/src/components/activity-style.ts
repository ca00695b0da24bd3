import type { MantineColor } from '@mantine/core';

// A timeline scroll frame colours every row that comes into view, and a store holds few distinct
// type/event pairs: each pair is matched against the patterns once. Bounded, as events are input.
const colours = new Map<string, MantineColor>();
const MAX_REMEMBERED = 2000;

/** A colour per kind of activity, so failures and admin actions stand out in a long timeline. */
export function activityTypeColor(type: string, event = ''): MantineColor {
  const s = `${type} ${event}`.toLowerCase();
  let colour = colours.get(s);
  if (colour === undefined) {
    colour = colourOf(s);
    if (colours.size >= MAX_REMEMBERED) colours.clear();
    colours.set(s, colour);
  }
  return colour;
}

function colourOf(s: string): MantineColor {
  if (/fail|denied|block|lock|suspend|invalid|reject/.test(s)) return 'red';
  if (/impersonat/.test(s)) return 'orange';
  if (/admin|role|permission|setting|policy|token|integration|app_/.test(s)) return 'violet';
  if (/login|logon|sign_?in|logout|sign_?out|session|password|2fa|mfa|sso/.test(s)) return 'blue';
  return 'gray';
}
