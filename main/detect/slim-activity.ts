// The activities detection judges, all made by one function: no raw event (detection never reads
// it), and each repeated string — actor, address, type, place, user agent — one shared instance.
// Made from every row read back from the store; the pending queue's columns give back the same
// fields in the same order (compact-activities.ts), so the engine sees a single object shape: a
// rebuild judged the rows' shapes (JSON.parse's) and the first flush afterwards the queue's, and the
// engine's compiled code went back to the slow path for the new shape (that first flush cost ~2× the
// next ones). Shared strings also hash once for all the engine's maps keyed by actor and address.
import type { StoredActivity } from '../store/types';

export class SlimCopier {
  private strings = new Map<string, string>();
  private tagLists = new Map<string, string[]>();

  /** Lets go of the shared strings (a flush's copies keep theirs). */
  clear(): void {
    this.strings.clear();
    this.tagLists.clear();
  }

  private str(v: string | null | undefined): string | null {
    if (v === null || v === undefined) return null;
    const known = this.strings.get(v);
    if (known !== undefined) return known;
    this.strings.set(v, v);
    return v;
  }

  /** What the store's range read gives (every field but the raw event), with repeated values shared. */
  copy(a: StoredActivity): StoredActivity {
    const tags = a.ipTags ?? [];
    const tagKey = tags.join('\u0000');
    let ipTags = this.tagLists.get(tagKey);
    if (!ipTags) this.tagLists.set(tagKey, (ipTags = tags));
    return {
      id: a.id,
      at: a.at,
      type: this.str(a.type)!,
      event: this.str(a.event)!,
      actor: this.str(a.actor),
      target: this.str(a.target),
      ip: this.str(a.ip),
      country: this.str(a.country),
      city: this.str(a.city),
      lat: a.lat,
      lon: a.lon,
      radiusKm: a.radiusKm,
      admin: a.admin,
      impersonated: a.impersonated,
      userAgent: this.str(a.userAgent),
      // Nearly unique per event: sharing would only fill the map (40–120 ms per 125 k events).
      summary: a.summary ?? null,
      asn: a.asn ?? null,
      asOrg: this.str(a.asOrg),
      ipTags,
      device: a.device ?? null,
      details: a.details ?? null,
      raw: null,
    };
  }
}
