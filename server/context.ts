// What every route sees: the app's dependencies and, behind auth, the caller's team.
import type { DbHandle } from './db/open.ts';
import type { TeamEvents } from './events.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimitConfig } from './rate-limit.ts';

export interface AppConfig {
  /** null = no rate limit. */
  rateLimit: RateLimitConfig | null;
  /** How long a valid token's lookup is reused (0 = every request reads the database). See auth-cache.ts. */
  authCacheMs: number;
  maxClockSkewMs: number;
  /** PostgreSQL: LISTEN for other server processes' pushes (once per app: the real server sets it, tests opt in). */
  crossProcessEvents?: boolean;
  /** Enables /admin/* for the CLI when set (see server/admin/lock.ts). */
  adminSecret?: string;
  logger: Logger;
  now: () => number;
}

export interface Deps {
  handle: DbHandle;
  config: AppConfig;
  metrics: Metrics;
  events: TeamEvents;
}

export type { CachedAuth as AuthInfo } from './auth-cache.ts';
import type { CachedAuth } from './auth-cache.ts';

export type AppEnv = { Variables: { auth: CachedAuth } };
