// The Hono app, built from a database handle and a config: tests call app.request() without a port.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'drizzle-orm';
import type { AppConfig, AppEnv, Deps } from './context.ts';
import type { DbHandle } from './db/open.ts';
import { extensionCors } from './cors.ts';
import { ApiError } from './errors.ts';
import { TeamEvents } from './events.ts';
import { Metrics } from './metrics.ts';
import { RateLimiter } from './rate-limit.ts';
import { adminRoutes } from './routes/admin.ts';
import { syncRoutes } from './routes/sync.ts';
import { authenticateHash, hashToken } from './admin/tokens.ts';
import { AuthCache, registerAuthCache } from './auth-cache.ts';
import { LIMITS, SCHEMA_VERSION, SCHEMA_VERSION_HEADER } from '../lib/sync/wire.ts';


export const defaultConfig = (over: Partial<AppConfig> = {}): AppConfig => ({
  rateLimit: { perSecond: 100, burst: 200 },
  authCacheMs: 2000,
  maxClockSkewMs: 60 * 60 * 1000,
  logger: () => {},
  now: () => Date.now(),
  ...over,
});

export function createApp(handle: DbHandle, config: AppConfig = defaultConfig(), shared?: { events?: TeamEvents; metrics?: Metrics }) {
  const deps: Deps = { handle, config, metrics: shared?.metrics ?? new Metrics(), events: shared?.events ?? new TeamEvents() };
  // Resolves once this process hears other processes' pushes (PostgreSQL); tests wait on it.
  const listening: Promise<void> = ((config.crossProcessEvents && handle.listenHeads?.((teamId, head) => deps.events.publish(teamId, head))) || Promise.resolve()).catch((e: unknown) =>
    config.logger('warn', 'LISTEN failed: SSE announces only this process\'s pushes', { error: e instanceof Error ? e.message : 'unknown' }),
  );
  const authCache = new AuthCache(config.authCacheMs, config.now);
  registerAuthCache(handle.db, authCache);
  // Revocations by the admin CLI (another process) on PostgreSQL; in-process ones clear the cache directly.
  const listeningAuth: Promise<void> = ((config.crossProcessEvents && handle.listenAuth?.(() => authCache.clear())) || Promise.resolve()).catch((e: unknown) =>
    config.logger('warn', `LISTEN failed: revocations by other processes take up to ${config.authCacheMs} ms`, { error: e instanceof Error ? e.message : 'unknown' }),
  );
  const limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : null;
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.req.routePath || 'unmatched';
    deps.metrics.observeRequest(route, c.req.method, c.res.status, (performance.now() - started) / 1000);
    config.logger(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use(
    extensionCors({
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', SCHEMA_VERSION_HEADER],
      exposeHeaders: ['Retry-After'],
      maxAgeSeconds: 600,
    }),
  );


  app.onError((err, c) => {
    if (err instanceof ApiError) {
      if (err.code === 'rate_limited') c.header('Retry-After', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
      return c.json(err.toBody(), err.status);
    }
    if (err instanceof HTTPException) {
      const e =
        err.status === 413
          ? new ApiError('payload_too_large', `Request body over ${LIMITS.maxBodyBytes} bytes`)
          : err.status === 400
            ? new ApiError('invalid_request', err.message || 'Bad request')
            : new ApiError('internal', err.message);
      return c.json(e.toBody(), e.status);
    }
    config.logger('error', 'unhandled', { route: c.req.routePath, error: err instanceof Error ? err.message.slice(0, 300) : 'unknown' });
    return c.json(new ApiError('internal', 'Internal server error').toBody(), 500);
  });
  app.notFound((c) => c.json(new ApiError('not_found', `No route ${c.req.method} ${c.req.path}`).toBody(), 404));

  app.get('/health', async (c) => {
    try {
      await handle.db.execute(sql`select 1`);
      return c.json({ ok: true, database: handle.kind, schemaVersion: SCHEMA_VERSION });
    } catch {
      return c.json(new ApiError('unavailable', 'Database unreachable').toBody(), 503);
    }
  });
  app.get('/metrics', (c) => c.text(deps.metrics.render(config.now()), 200, { 'Content-Type': 'text/plain; version=0.0.4' }));

  app.use('/v1/*', bodyLimit({ maxSize: LIMITS.maxBodyBytes, onError: () => { throw new ApiError('payload_too_large', `Request body over ${LIMITS.maxBodyBytes} bytes`, { maxBytes: LIMITS.maxBodyBytes }); } }));
  app.use('/v1/*', async (c, next) => {
    const auth = c.req.header('authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const hash = token ? hashToken(token) : '';
    const found = hash ? await authCache.resolve(hash, () => authenticateHash(handle.db, hash)) : undefined;
    if (!found) throw new ApiError('unauthorized', token ? 'Token unknown or revoked, or its team disabled: ask your admin for a new one' : 'Missing "Authorization: Bearer <token>" header');
    const wait = limiter?.take(found.tokenId, config.now()) ?? 0;
    if (wait > 0) throw new ApiError('rate_limited', `Too many requests: retry in ${wait} s`, { retryAfterSeconds: wait });
    const raw = c.req.header(SCHEMA_VERSION_HEADER);
    const version = raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(version)) throw new ApiError('schema_version_missing', `Send the "${SCHEMA_VERSION_HEADER}: ${SCHEMA_VERSION}" header`);
    if (version < SCHEMA_VERSION) throw new ApiError('client_update_needed', 'Update the Ficha extension to sync with this server', { client: version, server: SCHEMA_VERSION });
    if (version > SCHEMA_VERSION) throw new ApiError('server_update_needed', 'This sync server is older than the extension: ask your admin to update it', { client: version, server: SCHEMA_VERSION });
    c.set('auth', found);
    await next();
  });
  app.route('/v1', syncRoutes(deps));
  if (config.adminSecret) {
    app.use('/admin/*', bodyLimit({ maxSize: 64 * 1024 }));
    app.route('/admin', adminRoutes(deps, config.adminSecret));
  }
  return Object.assign(app, { deps, listening: Promise.all([listening, listeningAuth]).then(() => {}) });
}

export type App = ReturnType<typeof createApp>;
