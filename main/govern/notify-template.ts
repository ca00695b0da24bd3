// The Work Chat message a Notify action sends: editable, and it names the alert so the user
// can tell a real security notice from a phishing attempt that merely claims to be one.
export const DEFAULT_NOTIFY_TEMPLATE =
  'Hello {name}, this is your Workplace administrator. Our security console flagged recent activity on your ' +
  'account ({alert}). If this was not you, reply here and change your password now. You never need to send ' +
  'anyone your password or codes.';

export interface NotifyContext {
  name: string;
  /** Title of the alert the message is about, or the reason given. */
  alert: string;
}

const MAX_MESSAGE = 4000;

export function renderNotifyMessage(template: string, ctx: NotifyContext): string {
  const text = template.replace(/\{(name|alert)\}/g, (_m, k: keyof NotifyContext) => ctx[k]);
  return text.slice(0, MAX_MESSAGE);
}
