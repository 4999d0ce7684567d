// The server's environment contract (README › Sync server).
import { resolve } from 'node:path';
import type { RateLimitConfig } from './rate-limit.ts';

export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  rateLimit: RateLimitConfig | null;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const perSecond = Number(env.FICHA_RATE_LIMIT ?? 100);
  if (!Number.isFinite(perSecond) || perSecond < 0) throw new Error('FICHA_RATE_LIMIT must be requests per second (0 = off)');
  const burst = Number(env.FICHA_RATE_BURST ?? perSecond * 2);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.FICHA_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    rateLimit: perSecond === 0 ? null : { perSecond, burst: Math.max(1, burst) },
  };
}
