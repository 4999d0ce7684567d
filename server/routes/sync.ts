// The sync API: whoami (test connection), push, pull, events. Every query takes the team from the token.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { eq } from 'drizzle-orm';
import { teams } from '../db/schema.ts';
import type { AppEnv, Deps } from '../context.ts';
import { decodeCursor } from '../sync/cursor.ts';
import { pull } from '../sync/pull.ts';
import { push } from '../sync/push.ts';
import { LIMITS, PullQuerySchema, PushRequestSchema, SCHEMA_VERSION, type WhoAmIResponse } from '../../lib/sync/wire.ts';
import { validate } from './validate.ts';

export function syncRoutes(deps: Deps) {
  const { handle, config, metrics, events } = deps;
  return new Hono<AppEnv>()
    .get('/whoami', async (c) => {
      const auth = c.get('auth');
      const [team] = await handle.db.select({ version: teams.version }).from(teams).where(eq(teams.id, auth.teamId));
      const body: WhoAmIResponse = {
        team: { id: auth.teamId, name: auth.teamName },
        token: { id: auth.tokenId, label: auth.label },
        schemaVersion: SCHEMA_VERSION,
        head: team?.version ?? 0,
      };
      return c.json(body);
    })
    .post('/push', validate('json', PushRequestSchema), async (c) => {
      const auth = c.get('auth');
      const req = c.req.valid('json');
      const now = config.now();
      const res = await push(handle.db, auth.teamId, req, { now, maxClockSkewMs: config.maxClockSkewMs });
      if (res.applied > 0) {
        metrics.observePush(res.applied, now);
        events.publish(auth.teamId, res.head);
      }
      config.logger('info', 'push', { team: auth.teamId, client: req.clientId, applied: res.applied, replayed: res.replayed, last: res.lastMutationId });
      return c.json(res);
    })
    .get('/pull', validate('query', PullQuerySchema), async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const page = await pull(handle, auth.teamId, q.cursor, q.limit ?? LIMITS.defaultPullLimit);
      metrics.observePull(page.head, decodeCursor(q.cursor).version);
      return c.body(page.body, 200, { 'Content-Type': 'application/json' });
    })
    .get('/events', (c) => {
      const auth = c.get('auth');
      return streamSSE(c, async (stream) => {
        let wake: () => void = () => {};
        let latest: number | null = null;
        const unsubscribe = events.subscribe(auth.teamId, (head) => {
          latest = head;
          wake();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake();
        });
        const [team] = await handle.db.select({ version: teams.version }).from(teams).where(eq(teams.id, auth.teamId));
        await stream.writeSSE({ event: 'head', data: JSON.stringify({ head: team?.version ?? 0 }) });
        while (!stream.aborted) {
          // Wait for a change or 25 s, whichever first; the comment keeps proxies from closing an idle stream.
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 25_000).unref?.();
          });
          if (stream.aborted) break;
          if (latest !== null) {
            const head: number = latest;
            latest = null;
            await stream.writeSSE({ event: 'head', data: JSON.stringify({ head }) });
          } else {
            await stream.write(': keep-alive\n\n');
          }
        }
        unsubscribe();
      });
    });
}
