// Columnar event storage: millions of audit events as typed arrays plus interned string
// tables, so a 10,000-user × 90-day organisation costs tens of megabytes instead of one object
// per event. Events are kept sorted by time (ascending); an event's position is its identity
// (the public id is derived from it), and live events are only ever appended with a
// timestamp no older than the newest one, so positions never move once assigned.

export class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private json: string[] = [];

  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  has(value: string): boolean {
    return this.index.has(value);
  }

  /** JSON-encoded value (with quotes), cached. */
  jsonOf(i: number): string {
    let s = this.json[i];
    if (s === undefined) {
      s = JSON.stringify(this.values[i]);
      this.json[i] = s;
    }
    return s;
  }

  get size(): number {
    return this.values.length;
  }
}

export const FLAG_IMPERSONATED = 1;

export interface RawEvent {
  index: number;
  ts: number;
  type: number;
  actor: number;
  target: number;
  ip: number;
  ua: number;
  arg: number;
  flags: number;
}

export class EventStore {
  ts: Uint32Array;
  type: Uint8Array;
  actor: Int32Array;
  target: Int32Array;
  ip: Int32Array;
  ua: Uint16Array;
  arg: Int32Array;
  flags: Uint8Array;
  length = 0;
  readonly ips = new Interner();
  readonly uas = new Interner();

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.ts = new Uint32Array(c);
    this.type = new Uint8Array(c);
    this.actor = new Int32Array(c);
    this.target = new Int32Array(c);
    this.ip = new Int32Array(c);
    this.ua = new Uint16Array(c);
    this.arg = new Int32Array(c);
    this.flags = new Uint8Array(c);
  }

  get capacity(): number {
    return this.ts.length;
  }

  private grow(min: number): void {
    const c = Math.max(min, Math.ceil(this.capacity * 1.5));
    const g = <A extends Uint32Array | Uint8Array | Int32Array | Uint16Array>(a: A, make: (n: number) => A): A => {
      const b = make(c);
      b.set(a.subarray(0, this.length) as never);
      return b;
    };
    this.ts = g(this.ts, (n) => new Uint32Array(n));
    this.type = g(this.type, (n) => new Uint8Array(n));
    this.actor = g(this.actor, (n) => new Int32Array(n));
    this.target = g(this.target, (n) => new Int32Array(n));
    this.ip = g(this.ip, (n) => new Int32Array(n));
    this.ua = g(this.ua, (n) => new Uint16Array(n));
    this.arg = g(this.arg, (n) => new Int32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
  }

  push(ts: number, type: number, actor: number, target: number, ip: number, ua: number, arg = 0, flags = 0): number {
    const i = this.length;
    if (i >= this.capacity) this.grow(i + 1);
    this.ts[i] = ts;
    this.type[i] = type;
    this.actor[i] = actor;
    this.target[i] = target;
    this.ip[i] = ip;
    this.ua[i] = ua;
    this.arg[i] = arg;
    this.flags[i] = flags;
    this.length = i + 1;
    return i;
  }

  get(i: number): RawEvent {
    return {
      index: i,
      ts: this.ts[i],
      type: this.type[i],
      actor: this.actor[i],
      target: this.target[i],
      ip: this.ip[i],
      ua: this.ua[i],
      arg: this.arg[i],
      flags: this.flags[i],
    };
  }

  /**
   * Sort by time (stable: ties keep insertion order) and compact the arrays.
   * Returns `newIndex[oldIndex]` so callers can follow events they created.
   */
  sortByTime(): Uint32Array {
    const n = this.length;
    let minTs = Infinity;
    for (let i = 0; i < n; i++) if (this.ts[i] < minTs) minTs = this.ts[i];
    if (n === 0) minTs = 0;
    // One float64 key per event: (seconds since the first event) · 2^26 + insertion index.
    // Exact while the span is < 2^27 s (4 years) and n < 2^26; TypedArray sort is numeric.
    const SHIFT = 67108864;
    if (n >= SHIFT) throw new Error('too many events for one demo organisation');
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (this.ts[i] - minTs) * SHIFT + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i] % SHIFT;
    const newIndex = new Uint32Array(n);
    for (let i = 0; i < n; i++) newIndex[order[i]] = i;
    const perm = <A extends Uint32Array | Uint8Array | Int32Array | Uint16Array>(a: A, make: (n: number) => A): A => {
      const b = make(Math.max(16, n + Math.ceil(n / 16)));
      for (let i = 0; i < n; i++) b[i] = a[order[i]];
      return b;
    };
    this.ts = perm(this.ts, (k) => new Uint32Array(k));
    this.type = perm(this.type, (k) => new Uint8Array(k));
    this.actor = perm(this.actor, (k) => new Int32Array(k));
    this.target = perm(this.target, (k) => new Int32Array(k));
    this.ip = perm(this.ip, (k) => new Int32Array(k));
    this.ua = perm(this.ua, (k) => new Uint16Array(k));
    this.arg = perm(this.arg, (k) => new Int32Array(k));
    this.flags = perm(this.flags, (k) => new Uint8Array(k));
    return newIndex;
  }

  /** First index whose timestamp is >= ts (array must be sorted). */
  lowerBound(ts: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose timestamp is > ts. */
  upperBound(ts: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] <= ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get newestTs(): number {
    return this.length ? this.ts[this.length - 1] : 0;
  }

  /** Approximate bytes held by the columns (for the bench). */
  bytes(): number {
    return this.capacity * (4 + 1 + 4 + 4 + 4 + 2 + 4 + 1);
  }
}
