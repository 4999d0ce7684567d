// What every route sees: the app's dependencies and, behind auth, the caller's team.
import type { DbHandle } from './db/open.ts';
import type { TeamEvents } from './events.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimitConfig } from './rate-limit.ts';

export interface AppConfig {
  /** null = no rate limit. */
  rateLimit: RateLimitConfig | null;
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

export interface AuthInfo {
  teamId: string;
  teamName: string;
  tokenId: string;
  label: string;
}

export type AppEnv = { Variables: { auth: AuthInfo } };
