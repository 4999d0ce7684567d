// Admin endpoints for the CLI while a PGlite server holds the data folder (see server/lock.ts).
// Only mounted when the server has an admin secret; the secret lives in the data folder (mode 0600).
import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createTeam, createToken, disableTeam, findTeam, listTokens, revokeToken } from '../admin/tokens.ts';
import { validate } from './validate.ts';

const sha = (s: string) => createHash('sha256').update(s).digest();

/** Defence in depth when HOST exposes the server: the CLI always calls from the same machine. */
function fromLoopback(c: Context): boolean {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    return true; // not served by node (app.request in tests): no socket to check
  }
  return address === undefined || address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function adminRoutes(deps: Deps, secret: string) {
  const { db } = deps.handle;
  return new Hono()
    .use(async (c, next) => {
      if (!fromLoopback(c)) throw new ApiError('forbidden', 'Admin endpoints answer on loopback only');
      const given = c.req.header('authorization')?.replace(/^Bearer /, '') ?? '';
      if (!timingSafeEqual(sha(given), sha(secret))) throw new ApiError('unauthorized', 'Bad admin secret');
      await next();
    })
    .post('/teams', validate('json', z.strictObject({ name: z.string().min(1).max(200) })), async (c) => {
      return c.json(await createTeam(db, c.req.valid('json').name));
    })
    .post('/tokens', validate('json', z.strictObject({ team: z.string().min(1), label: z.string().max(200).optional() })), async (c) => {
      const body = c.req.valid('json');
      const team = await findTeam(db, body.team);
      if (!team) throw new ApiError('not_found', `No team "${body.team}"`);
      return c.json(await createToken(db, team.id, body.label));
    })
    .post('/teams/disable', validate('json', z.strictObject({ team: z.string().min(1) })), async (c) => {
      const { team } = c.req.valid('json');
      const found = await findTeam(db, team);
      if (!found || !(await disableTeam(db, found.id))) throw new ApiError('not_found', `No active team "${team}"`);
      return c.json({ disabled: found.id });
    })
    .post('/tokens/:id/revoke', async (c) => {
      const ok = await revokeToken(db, c.req.param('id'));
      if (!ok) throw new ApiError('not_found', `No active token ${c.req.param('id')}`);
      return c.json({ revoked: c.req.param('id') });
    })
    .get('/tokens', async (c) => c.json({ tokens: await listTokens(db) }));
}
