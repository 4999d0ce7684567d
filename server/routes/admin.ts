// Admin endpoints for the CLI while a PGlite server holds the data folder (see server/lock.ts).
// Only mounted when the server has an admin secret; the secret lives in the data folder (mode 0600).
import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { addMember, listMembers, removeMember, ROLES } from '../admin/members.ts';
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

/** Input the admin functions refuse (a removed member, a taken email) is the caller's mistake: 400, with the reason. */
async function asBadRequest<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApiError || !(e instanceof Error)) throw e;
    throw new ApiError('invalid_request', e.message);
  }
}

export function adminRoutes(deps: Deps, secret: string) {
  const { db } = deps.handle;
  const teamOf = async (team: string) => {
    const found = await asBadRequest(() => findTeam(db, team));
    if (!found) throw new ApiError('not_found', `No team "${team}"`);
    return found;
  };
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
    .post('/tokens', validate('json', z.strictObject({ team: z.string().min(1), label: z.string().max(200).optional(), member: z.string().min(1).max(320).optional() })), async (c) => {
      const body = c.req.valid('json');
      const team = await teamOf(body.team);
      return c.json(await asBadRequest(() => createToken(db, team.id, body.label, body.member)));
    })
    .post('/teams/disable', validate('json', z.strictObject({ team: z.string().min(1) })), async (c) => {
      const { team } = c.req.valid('json');
      const found = await asBadRequest(() => findTeam(db, team));
      if (!found || !(await disableTeam(db, found.id))) throw new ApiError('not_found', `No active team "${team}"`);
      return c.json({ disabled: found.id });
    })
    .post('/tokens/:id/revoke', async (c) => {
      const ok = await revokeToken(db, c.req.param('id'));
      if (!ok) throw new ApiError('not_found', `No active token ${c.req.param('id')}`);
      return c.json({ revoked: c.req.param('id') });
    })
    .get('/tokens', async (c) => c.json({ tokens: await listTokens(db) }))
    .post(
      '/members',
      validate('json', z.strictObject({ team: z.string().min(1), name: z.string().min(1).max(200), email: z.string().max(320).optional(), role: z.enum(ROLES).optional() })),
      async (c) => {
        const body = c.req.valid('json');
        const team = await teamOf(body.team);
        return c.json(await asBadRequest(() => addMember(db, team.id, body)));
      },
    )
    .get('/members', validate('query', z.strictObject({ team: z.string().min(1).optional() })), async (c) => {
      const { team } = c.req.valid('query');
      return c.json({ members: await listMembers(db, team ? (await teamOf(team)).id : undefined) });
    })
    .post('/members/:id/remove', async (c) => {
      const done = await removeMember(db, c.req.param('id'));
      if (!done) throw new ApiError('not_found', `No active member ${c.req.param('id')}`);
      return c.json({ removed: c.req.param('id'), ...done });
    });
}
