// Valid logins cached by token hash for a couple of seconds, so a busy client costs no token lookup per request.
// Revocation still takes effect at once: revoking a token, removing a member or disabling a team clears every cache
// of this process on that database (authChanged), and on PostgreSQL also NOTIFYs AUTH_CHANNEL, which the servers of
// other processes LISTEN to (the admin CLI runs in its own process). The TTL bounds the delay if a notification
// is lost (LISTEN connection down). Unknown tokens are never cached, so a new token works on its first request.
import { sql } from 'drizzle-orm';
import { AUTH_CHANNEL, type Db } from './db/open.ts';

export interface CachedAuth {
  tokenId: string;
  label: string;
  teamId: string;
  teamName: string;
  memberId: string | null;
}

const MAX_ENTRIES = 10_000;

export class AuthCache {
  private entries = new Map<string, { auth: CachedAuth; until: number }>();
  /** Bumped by clear(): a lookup that started before a revocation must not store what it read. */
  private generation = 0;
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(hash: string): CachedAuth | undefined {
    const e = this.entries.get(hash);
    if (!e) return undefined;
    if (e.until > this.now()) return e.auth;
    this.entries.delete(hash);
    return undefined;
  }

  /** Looks the hash up with `load` when not cached, and caches a valid answer. */
  async resolve(hash: string, load: () => Promise<CachedAuth | undefined>): Promise<CachedAuth | undefined> {
    const hit = this.get(hash);
    if (hit || this.ttlMs <= 0) return hit ?? load();
    const generation = this.generation;
    const found = await load();
    if (found && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(hash, { auth: found, until: this.now() + this.ttlMs });
    }
    return found;
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, Set<AuthCache>>();

export function registerAuthCache(db: Db, cache: AuthCache) {
  let set = caches.get(db);
  if (!set) caches.set(db, (set = new Set()));
  set.add(cache);
}

/** Call after committing a revocation: clears this process's caches and tells other processes (PostgreSQL). */
export async function authChanged(db: Db) {
  for (const c of caches.get(db) ?? []) c.clear();
  await db.execute(sql`select pg_notify(${AUTH_CHANNEL}, '')`);
}
