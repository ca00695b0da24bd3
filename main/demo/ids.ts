// Public ids of audit events: a seed-derived 4-digit prefix + the event's position, so ids
// are stable for a (seed, now) pair, look like Graph ids, and never repeat within a server.
export function eventIdOf(prefix: string, index: number): string {
  return prefix + String(index).padStart(11, '0');
}

export function indexOfEventId(prefix: string, id: string): number | null {
  if (typeof id !== 'string' || id.length !== prefix.length + 11 || !id.startsWith(prefix)) return null;
  const n = Number(id.slice(prefix.length));
  return Number.isInteger(n) ? n : null;
}
