// Users in one lowdb file (10k users is a few MB: small enough to hold and rewrite whole),
// with an email index and a name-sorted view for paging.
import { Low } from 'lowdb';
import type { Page, StoredUser, UserQuery, UserStore } from './types';
import { UsersDocSchema } from './schemas';
import type { StoreLayout } from './layout';
import { quarantineFile } from './quarantine';
import type { CorruptionReport } from './types';
import { decodeCursor, encodeCursor } from './cursor';
import { DurableJsonFile } from './atomic-file';
import { readOnlyError } from './read-only';

interface UsersDoc {
  v: 1;
  users: StoredUser[];
}

interface UserCursor {
  n: string;
  i: string;
}
const isUserCursor = (v: unknown): v is UserCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as UserCursor).n === 'string' &&
  typeof (v as UserCursor).i === 'string';

const sortKey = (u: StoredUser) => u.name.toLowerCase();
const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

export class LowUserStore implements UserStore {
  private byId = new Map<string, StoredUser>();
  private byEmail = new Map<string, string>();
  private sorted: StoredUser[] | null = null;

  private constructor(
    private readonly db: Low<UsersDoc>,
    private readonly readOnly: string | null,
  ) {
    for (const u of db.data.users) this.index(u);
  }

  static async open(layout: StoreLayout, report: (r: CorruptionReport) => Promise<void>): Promise<LowUserStore> {
    // Compact JSON: the file is rewritten on every upsert and pretty-printing 10k raw resources doubles it.
    const db = new Low<UsersDoc>(
      new DurableJsonFile<UsersDoc>(layout.users, { durable: layout.durable, stringify: (d) => JSON.stringify(d) }),
      {
        v: 1,
        users: [],
      },
    );
    try {
      await db.read();
      const parsed = UsersDocSchema.safeParse(db.data);
      if (!parsed.success) throw new Error(`unexpected content: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    } catch (err) {
      await report(
        quarantineFile(layout, {
          file: layout.users,
          what: 'The users file',
          cause: err,
          range: null,
          consequence: 'Users will be fetched again at the next sync.',
        }),
      );
      db.data = { v: 1, users: [] };
    }
    return new LowUserStore(db, layout.readOnly);
  }

  private index(u: StoredUser): void {
    const old = this.byId.get(u.id);
    if (old?.email) this.byEmail.delete(old.email.toLowerCase());
    this.byId.set(u.id, u);
    if (u.email) this.byEmail.set(u.email.toLowerCase(), u.id);
  }

  async upsertMany(users: StoredUser[], opts: { handOver?: boolean } = {}): Promise<void> {
    if (this.readOnly) throw readOnlyError(this.readOnly);
    if (users.length === 0) return;
    // Stored users are handed out uncopied (peek), so a caller's object must not become one unless
    // the caller gives it up.
    const own = opts.handOver ? <T>(v: T) => v : <T>(v: T) => structuredClone(v);
    for (const given of users) {
      const incoming = own(given);
      const old = this.byId.get(incoming.id);
      // Merge: a later SCIM-only or Graph-only update must not drop the other source's raw resource.
      const merged: StoredUser = old ? { ...old, ...incoming, raw: { ...old.raw, ...(incoming.raw ?? {}) } } : incoming;
      this.index(merged);
    }
    this.sorted = null;
    this.db.data = { v: 1, users: [...this.byId.values()] };
    await this.db.write();
  }

  private view(): StoredUser[] {
    if (!this.sorted) {
      this.sorted = [...this.byId.values()].sort((a, b) => {
        const ka = sortKey(a);
        const kb = sortKey(b);
        return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
    }
    return this.sorted;
  }

  list(search: string | null, cursor: string | null, limit: number): Page<StoredUser> {
    const view = this.view();
    let from = 0;
    if (cursor) {
      const c = decodeCursor(cursor, isUserCursor);
      // First user strictly after the cursor in (name, id) order: stable when users are added.
      let lo = 0;
      let hi = view.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const k = sortKey(view[mid]);
        if (k < c.n || (k === c.n && view[mid].id <= c.i)) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
    }
    const q = search?.trim().toLowerCase() || null;
    const items: StoredUser[] = [];
    const max = Math.max(1, limit);
    let last: StoredUser | null = null;
    let more = false;
    for (let i = from; i < view.length; i++) {
      const u = view[i];
      if (q && !lower(u.name).includes(q) && !lower(u.email).includes(q) && !lower(u.department).includes(q)) continue;
      if (items.length === max) {
        more = true;
        break;
      }
      items.push(structuredClone(u));
      last = u;
    }
    return { items, nextCursor: more && last ? encodeCursor({ n: sortKey(last), i: last.id }) : null };
  }

  /**
   * Everyone matching `q`, in name order, uncopied: the Users list filters and sorts 10,000
   * people per request and copies only the page it returns (the caller must not modify them).
   */
  select(q: UserQuery, now: number): readonly Readonly<StoredUser>[] {
    const needle = q.search?.trim().toLowerCase() || null;
    const keep = (u: StoredUser) =>
      (!needle ||
        lower(u.name).includes(needle) ||
        lower(u.email).includes(needle) ||
        lower(u.department).includes(needle)) &&
      (q.active === undefined || u.active === q.active) &&
      (q.admin === undefined || u.admin === q.admin) &&
      (q.claimed === undefined || u.claimed === q.claimed) &&
      (q.terminated === undefined || (u.termDate !== null && u.termDate <= now) === q.terminated) &&
      (q.authMethod === undefined || (u.authMethod ?? 'none') === q.authMethod);
    return this.view().filter(keep);
  }

  get(id: string): StoredUser | null {
    const u = this.byId.get(id);
    return u ? structuredClone(u) : null;
  }

  findByEmail(email: string): StoredUser | null {
    const id = this.byEmail.get(email.trim().toLowerCase());
    return id ? this.get(id) : null;
  }

  peek(emailOrId: string): Readonly<StoredUser> | null {
    // Detection asks for every activity's actor; get() copies, which cost ~2 µs a call × every activity.
    const id = this.byEmail.get(emailOrId.trim().toLowerCase());
    return (id === undefined ? undefined : this.byId.get(id)) ?? this.byId.get(emailOrId) ?? null;
  }

  count(): number {
    return this.byId.size;
  }

  /** Users a free-form "user" filter may mean: by id, email or username (email's local part), case-insensitively. */
  matchIdentity(q: string): StoredUser[] {
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    const out: StoredUser[] = [];
    const direct = this.byId.get(q.trim());
    if (direct) out.push(direct);
    const byMail = this.byEmail.get(needle);
    if (byMail && byMail !== direct?.id) out.push(this.byId.get(byMail)!);
    if (!needle.includes('@')) {
      for (const u of this.byId.values()) {
        if (u.email && u.email.toLowerCase().split('@')[0] === needle && !out.includes(u)) out.push(u);
        else if (u.id.toLowerCase() === needle && !out.includes(u)) out.push(u);
      }
    }
    return out;
  }
}
