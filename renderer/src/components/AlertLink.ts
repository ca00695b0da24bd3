// The alert a link names (`{ alert: id }` from an OS notification's click or a pasted URL).
// The params come from outside the screen (a URL anyone can edit), so the id is bounded here.
import type { RouteParams } from './RouteUrl';

const ALERT_ID = /^[A-Za-z0-9:_.-]{1,200}$/;

/** The id of the alert to open, or null when the params name none (or something that is not an id). */
export function linkedAlertId(params: RouteParams): string | null {
  const id = params.alert;
  return typeof id === 'string' && ALERT_ID.test(id) ? id : null;
}

/** The params with the alert link removed (the admin went back to the queue; a reload stays there). */
export function withoutAlertLink(params: RouteParams): RouteParams {
  const { alert: _opened, ...rest } = params;
  return rest;
}
