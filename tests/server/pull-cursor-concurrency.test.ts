// The pull cursor never skips a row: many clients push in parallel while a reader pages through with small
// pages; once caught up, what the reader saw equals the final state, which equals merging every mutation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { encodeHlc } from '../../lib/sync/hlc.ts';
import { applyMutation, canonicalRow, emptyRow, type RowState } from '../../lib/sync/merge.ts';
import { PullResponseSchema, type Mutation, type PulledRow } from '../../lib/sync/wire.ts';
import { backends } from './helpers/backends.ts';
import { call } from './helpers/api.ts';

const WRITERS = 8;
const BATCHES = 12;
const PER_BATCH = 15;
const IDS = 60;

describe.each(backends)('pull cursor under concurrent pushes on $name', (backend) => {
  let handle: DbHandle;
  let app: App;
  let token: string;

  beforeAll(async () => {
    handle = await backend.open();
    app = createApp(handle, defaultConfig({ rateLimit: null }));
    token = (await createTeam(handle.db, 'Busy')).token.token;
  });
  afterAll(() => handle.close());

  it('the union of pulled pages equals the final state', async () => {
    const all: Mutation[] = [];
    const writer = async (w: number) => {
      const clientId = `w${w}`;
      let mid = 0;
      for (let b = 0; b < BATCHES; b++) {
        const mutations: Mutation[] = [];
        for (let i = 0; i < PER_BATCH; i++) {
          mid++;
          const id = `k${(w * 7 + b * 13 + i * 31) % IDS}`;
          const hlc = encodeHlc({ wall: 1_700_000_000_000 + b * 10 + (i % 3), counter: mid, clientId });
          mutations.push(mid % 11 === 0 ? { mutationId: mid, op: 'delete', entity: 'contacts', id, hlc } : { mutationId: mid, op: 'put', entity: 'contacts', id, hlc, fields: { [`f${i % 4}`]: `${clientId}-${mid}` } });
        }
        const res = await call(app, token, 'POST', '/v1/push', { clientId, mutations });
        expect(res.status).toBe(200);
        all.push(...mutations);
      }
    };

    const seen = new Map<string, PulledRow>();
    let cursor = '';
    let writersDone = false;
    let pullsDuringWrites = 0;
    const reader = async () => {
      for (;;) {
        // Only a page requested after the last push was acknowledged can prove the reader caught up.
        const requestedAfterWriters = writersDone;
        const page = PullResponseSchema.parse((await call(app, token, 'GET', `/v1/pull?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json);
        if (!writersDone) pullsDuringWrites++;
        for (const r of page.rows) seen.set(r.id, r);
        cursor = page.cursor;
        if (!page.hasMore && requestedAfterWriters && page.rows.length === 0) return;
        // No timer or setImmediate between pulls: in-process requests on PGlite never leave the microtask queue, so
        // a macrotask would only run after every writer finished. The next pull simply queues behind the pushes.
      }
    };

    const readerDone = reader();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writersDone = true;
    await readerDone;
    // The reader really paged while pushes committed (on PGlite each pull waits behind the pushes already queued).
    expect(pullsDuringWrites).toBeGreaterThanOrEqual(BATCHES);

    const final = PullResponseSchema.parse((await call(app, token, 'GET', '/v1/pull?limit=1000')).json);
    expect(final.hasMore).toBe(false);
    const expected = new Map<string, RowState>();
    for (const m of all) expected.set(m.id, applyMutation(expected.get(m.id) ?? emptyRow(), m));
    const asState = (r: PulledRow): RowState => ({ fields: r.fields, clocks: r.clocks, put: r.put, del: r.del });

    expect(final.rows.length).toBe(expected.size);
    expect(seen.size).toBe(expected.size);
    for (const r of final.rows) {
      expect(canonicalRow(asState(seen.get(r.id)!)), r.id).toBe(canonicalRow(asState(r)));
      expect(canonicalRow(asState(r)), r.id).toBe(canonicalRow(expected.get(r.id)!));
    }
  });
});
