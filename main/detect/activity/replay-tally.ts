// What a replay would have raised, from its findings in time order: one alert per (user, key) —
// a later finding for the same key continues it (its activities added, its time moved on) — and a
// count of the findings the daily limit held back.
import type { AlertDraft } from '../../store/alert-store';

/** An alert lists at most this many activities (as the alert store keeps them). */
export const MAX_LINKED = 500;

export class ReplayTally {
  findings = 0;
  heldBack = 0;
  /** Within a replay, a finding continues the alert it already raised for the same key. */
  private readonly open = new Map<string | null, Set<string>>();
  private readonly byKey = new Map<string, AlertDraft>();

  isOpen = (user: string | null, key: string): boolean => this.open.get(user)?.has(key) ?? false;

  held(): void {
    this.findings++;
    this.heldBack++;
  }

  /**
   * An alert raised or continued. The draft and the activity ids are asked only when used: a
   * continued alert keeps its first draft, and a full list of activities stays as it is.
   */
  raised(user: string | null, key: string, at: number, draft: () => AlertDraft, ids: () => string[]): void {
    this.findings++;
    let keys = this.open.get(user);
    if (!keys) this.open.set(user, (keys = new Set()));
    keys.add(key);
    const k = `${user}|${key}`;
    const prev = this.byKey.get(k);
    if (!prev) {
      this.byKey.set(k, draft());
      return;
    }
    // A full list stays as it is: later activities would be cut off anyway.
    if (prev.activityIds.length < MAX_LINKED)
      prev.activityIds = [...new Set([...prev.activityIds, ...ids()])].slice(0, MAX_LINKED);
    prev.at = at;
  }

  /** The alerts, newest first. */
  alerts(): AlertDraft[] {
    return [...this.byKey.values()].sort((x, y) => y.at - x.at);
  }
}
