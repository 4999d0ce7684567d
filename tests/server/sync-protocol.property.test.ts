// Fault injection at the protocol level: 2-3 replicas (lib/sync/replica.ts) edit offline against one real
// server while the network drops, duplicates and reorders requests and responses, and the server and clients
// restart. After a final drain every replica equals the server, every mutation was applied exactly once
// (none lost, none twice) and no activity exists twice. FICHA_LONG=1 runs 1,000 schedules.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { applyMutation, canonicalRow, emptyRow, isDeleted, type RowState } from '../../lib/sync/merge.ts';
import { localDelete, localPut, newReplica, onPullResponse, onPushAck, onPushResponse, pushRequest, rowKey, view, type ReplicaState } from '../../lib/sync/replica.ts';
import { PullResponseSchema, PushResponseSchema, type Mutation, type PullResponse } from '../../lib/sync/wire.ts';
import { backends } from './helpers/backends.ts';
import { call } from './helpers/api.ts';

const LONG = process.env.FICHA_LONG === '1';
const NUM_RUNS = LONG ? 1000 : 30;

type Action =
  | { t: 'edit'; c: number; id: number; field: 'name' | 'title' | 'phone'; value: number }
  | { t: 'delete'; c: number; id: number }
  | { t: 'log'; c: number; key: number }
  | { t: 'unlog'; c: number; key: number }
  | { t: 'push'; c: number; max: number }
  | { t: 'pull'; c: number; limit: number }
  | { t: 'deliver'; i: number; keep: boolean; dropAnswer: boolean }
  | { t: 'drop'; i: number }
  | { t: 'receive'; i: number }
  | { t: 'restartServer' }
  | { t: 'restartClient'; c: number }
  | { t: 'tick'; ms: number };

const action = (clients: number): fc.Arbitrary<Action> => {
  const c = fc.integer({ min: 0, max: clients - 1 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ t: fc.constant('edit' as const), c, id: fc.integer({ min: 0, max: 3 }), field: fc.constantFrom('name' as const, 'title' as const, 'phone' as const), value: fc.integer({ min: 0, max: 9 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), c, id: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('log' as const), c, key: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('unlog' as const), c, key: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('push' as const), c, max: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('pull' as const), c, limit: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 5, arbitrary: fc.record({ t: fc.constant('deliver' as const), i: fc.nat(), keep: fc.boolean(), dropAnswer: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('drop' as const), i: fc.nat() }) },
    { weight: 4, arbitrary: fc.record({ t: fc.constant('receive' as const), i: fc.nat() }) },
    { weight: 1, arbitrary: fc.constant({ t: 'restartServer' as const }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('restartClient' as const), c }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 50 }) }) },
  );
};

type Request = { c: number; kind: 'push'; body: { clientId: string; mutations: Mutation[] } } | { c: number; kind: 'pull'; cursor: string; limit: number };
type Answer = { c: number; kind: 'push'; lastMutationId: number } | { c: number; kind: 'pull'; cursor: string; page: PullResponse };

describe.each(backends)('sync protocol under faults on $name', (backend) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle.close());

  it(`converges with nothing lost and nothing doubled (${NUM_RUNS} schedules)`, async () => {
    const schedule = fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(action(n), { maxLength: 60 }), fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: n, maxLength: n })));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(schedule, async ([n, actions, skews]) => {
        const config = defaultConfig({ rateLimit: null });
        let app: App = createApp(handle, config);
        const token = (await createTeam(handle.db, `run ${run++}`)).token.token;
        const start = Date.now();
        let time = 0;
        const clients: ReplicaState[] = Array.from({ length: n }, (_, i) => newReplica(`c${i}`));
        const now = (c: number) => start + time + (skews[c] ?? 0);
        const created: Mutation[] = [];
        const appliedIds = new Map<string, Set<number>>(); // per client, as the server reported them
        let inFlight: Request[] = [];
        let answers: Answer[] = [];
        let logged = 0;

        const serve = async (req: Request): Promise<Answer | undefined> => {
          if (req.kind === 'push') {
            const res = await call(app, token, 'POST', '/v1/push', req.body);
            if (res.status === 409) return { c: req.c, kind: 'push', lastMutationId: res.json.error.details.lastMutationId };
            expect(res.status, JSON.stringify(res.json)).toBe(200);
            const body = PushResponseSchema.parse(res.json);
            // Exactly once: the ids applied by this call are the fresh suffix of the batch, each seen only once.
            const seen = appliedIds.get(req.body.clientId) ?? new Set<number>();
            for (const m of req.body.mutations.slice(body.replayed)) {
              expect(seen.has(m.mutationId), `mutation ${req.body.clientId}#${m.mutationId} applied twice`).toBe(false);
              seen.add(m.mutationId);
            }
            appliedIds.set(req.body.clientId, seen);
            return { c: req.c, kind: 'push', lastMutationId: body.lastMutationId };
          }
          const res = await call(app, token, 'GET', `/v1/pull?limit=${req.limit}${req.cursor ? `&cursor=${req.cursor}` : ''}`);
          expect(res.status).toBe(200);
          return { c: req.c, kind: 'pull', cursor: req.cursor, page: PullResponseSchema.parse(res.json) };
        };
        const receive = (a: Answer) => {
          const r = clients[a.c]!;
          if (a.kind === 'push') onPushAck(r, a.lastMutationId);
          else onPullResponse(r, a.cursor, a.page, now(a.c));
        };
        const pick = <T>(list: T[], i: number) => (list.length ? i % list.length : -1);

        for (const a of actions) {
          switch (a.t) {
            case 'edit':
              created.push(localPut(clients[a.c]!, now(a.c), 'contacts', `k${a.id}`, { [a.field]: a.value }));
              break;
            case 'delete':
              created.push(localDelete(clients[a.c]!, now(a.c), 'contacts', `k${a.id}`));
              break;
            case 'log': {
              // Each replica logs under its own id; the natural key says it is the same event.
              const r = clients[a.c]!;
              const existing = [...view(r).values()].find((v) => v.naturalKey === `email:m${a.key}`);
              if (!existing) created.push(localPut(r, now(a.c), 'activities', `${r.clientId}-a${logged++}`, { summary: `mail ${a.key}` }, `email:m${a.key}`));
              break;
            }
            case 'unlog': {
              const r = clients[a.c]!;
              const existing = [...view(r).values()].find((v) => v.naturalKey === `email:m${a.key}`);
              if (existing) created.push(localDelete(r, now(a.c), 'activities', existing.id));
              break;
            }
            case 'push': {
              const body = pushRequest(clients[a.c]!, a.max);
              if (body) inFlight.push({ c: a.c, kind: 'push', body: structuredClone(body) });
              break;
            }
            case 'pull':
              inFlight.push({ c: a.c, kind: 'pull', cursor: clients[a.c]!.cursor, limit: a.limit });
              break;
            case 'deliver': {
              const i = pick(inFlight, a.i);
              if (i < 0) break;
              const req = inFlight[i]!;
              if (!a.keep) inFlight.splice(i, 1); // keep = the request will arrive again (a duplicate)
              const answer = await serve(req);
              if (answer && !a.dropAnswer) answers.push(answer);
              break;
            }
            case 'drop': {
              const i = pick(inFlight, a.i);
              if (i >= 0) inFlight.splice(i, 1);
              break;
            }
            case 'receive': {
              const i = pick(answers, a.i);
              if (i >= 0) receive(answers.splice(i, 1)[0]!);
              break;
            }
            case 'restartServer':
              app = createApp(handle, config); // same database, fresh process state
              break;
            case 'restartClient':
              // The worker is killed: its state is durable (Dexie), its connections are not.
              inFlight = inFlight.filter((r) => r.c !== a.c);
              answers = answers.filter((r) => r.c !== a.c);
              break;
            case 'tick':
              time += a.ms;
              break;
          }
        }

        // Stragglers from the schedule may still arrive, then the network heals and everyone syncs.
        for (const req of inFlight) await serve(req);
        for (const r of clients) {
          for (let body = pushRequest(r, 4); body; body = pushRequest(r, 4)) {
            const res = await call(app, token, 'POST', '/v1/push', body);
            if (res.status === 409) onPushAck(r, res.json.error.details.lastMutationId);
            else {
              const parsed = PushResponseSchema.parse(res.json);
              const seen = appliedIds.get(r.clientId) ?? new Set<number>();
              for (const m of body.mutations.slice(parsed.replayed)) {
                expect(seen.has(m.mutationId)).toBe(false);
                seen.add(m.mutationId);
              }
              appliedIds.set(r.clientId, seen);
              onPushResponse(r, parsed);
            }
          }
        }
        for (const [c, r] of clients.entries()) {
          for (;;) {
            const cursor = r.cursor;
            const page = PullResponseSchema.parse((await call(app, token, 'GET', `/v1/pull?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json);
            onPullResponse(r, cursor, page, now(c));
            if (!page.hasMore) break;
          }
        }

        // Every mutation ever made was applied exactly once.
        for (const r of clients) {
          const mine = created.filter((m) => m.hlc.endsWith(`:${r.clientId}`)).map((m) => m.mutationId);
          expect([...(appliedIds.get(r.clientId) ?? [])].sort((x, y) => x - y)).toEqual(mine);
        }
        // The server holds the merge of every contact mutation, whatever order they came in.
        const server = PullResponseSchema.parse((await call(app, token, 'GET', '/v1/pull?limit=1000')).json);
        const expected = new Map<string, RowState>();
        for (const m of created.filter((m) => m.entity === 'contacts')) expected.set(m.id, applyMutation(expected.get(m.id) ?? emptyRow(), m));
        for (const [id, state] of expected) {
          const row = server.rows.find((r) => r.entity === 'contacts' && r.id === id);
          expect(row && canonicalRow(row)).toBe(canonicalRow(state));
        }
        // One live activity per natural key at most.
        const live = server.rows.filter((r) => r.entity === 'activities' && !isDeleted(r, r.entity));
        const keys = live.map((r) => r.naturalKey);
        expect(new Set(keys).size).toBe(keys.length);
        // Every replica equals the server.
        const serverView = new Map(server.rows.filter((r) => !r.deleted).map((r) => [rowKey(r.entity, r.id), { entity: r.entity, id: r.id, naturalKey: r.naturalKey, fields: r.fields }]));
        for (const r of clients) {
          expect(r.outbox).toEqual([]);
          expect(view(r)).toEqual(serverView);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, LONG ? 3_600_000 : 300_000);
});
