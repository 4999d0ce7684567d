// The sync loop in the background worker: push the outbox in order, pull pages by cursor, merge, repeat.
// Everything it needs to resume is in IndexedDB (outbox, cursor, last acknowledged id, clock), so a worker killed
// mid-sync picks up where it stopped. Driven by local writes (debounced), the server's SSE head events, an alarm
// and online/offline events; failures back off exponentially with jitter.
import type { Contact } from '@/lib/domain/contact';
import { applyMutation, isDeleted, type RowState } from '@/lib/sync/merge';
import { SyncHttpError, normaliseServerUrl, syncHttp, type FetchLike, type SyncErrorKind, type SyncHttp } from '@/lib/sync/client-http';
import { LIMITS, type Entity, type Json, type Mutation, type PulledRow, type PullResponse } from '@/lib/sync/wire';
import { fromStored, toStored } from './contacts';
import type { FichaDb, SettingsRow, StoredContact } from './db';
import { rescoreAll } from './rescore';
import { activeScorer, rescoreContact } from './scores';
import { DEFAULT_SETTINGS } from '@/lib/domain/settings';
import { SCORING_MODEL_ID, diffRow, syncTracker, toOutboxRows, type OutboxRow, type SyncConfigRow, type SyncProgressRow } from './sync-tracking';

export type SyncState = 'off' | 'syncing' | 'synced' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  url: string | null;
  teamName: string | null;
  lastSyncAt: number | null;
  pending: number;
  error: { kind: SyncErrorKind | 'unknown'; message: string } | null;
  /** The first full pull: rows' server versions reached / the team's head. */
  progress: { done: number; total: number } | null;
  initialPullDone: boolean;
  nextRetryAt: number | null;
}

export type ConnectResult = { ok: true; status: SyncStatus } | { ok: false; error: { kind: SyncErrorKind | 'invalid_url'; message: string } };

export interface SyncEngineDeps {
  fetch?: FetchLike;
  now?: () => number;
  random?: () => number;
  /** Rows changed by a pull (the background tells open tabs to refresh). */
  onRemoteChange?: () => void;
  /** The synced scoring model changed: reload it (and rescore). */
  onModelChanged?: () => Promise<void> | void;
  pullLimit?: number;
  /** Listen to the server's SSE head events (off in unit tests). */
  liveEvents?: boolean;
  /** Debounce after a local write before pushing. */
  pushDelayMs?: number;
}

/** Above this many contacts touched in one page, scores are recomputed by one chunked rescore after the pull. */
const RESCORE_INLINE_MAX = 200;
const MAX_BACKOFF_MS = 5 * 60_000;
const SNAPSHOT_CHUNK = 2000;
const SYNCED_LOCAL_TABLES = ['contacts', 'companies', 'activities', 'stageHistory', 'deals', 'templates'] as const;
const ENTITY_TABLE: Partial<Record<Entity, (typeof SYNCED_LOCAL_TABLES)[number]>> = {
  contacts: 'contacts',
  companies: 'companies',
  activities: 'activities',
  stageHistory: 'stageHistory',
  deals: 'deals',
  templates: 'templates',
};

const newClientId = () => `c${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

function userMessage(kind: SyncErrorKind | 'unknown', fallback: string): string {
  switch (kind) {
    case 'unauthorized':
      return 'Token revoked or wrong: ask your admin for a new one';
    case 'update_needed':
      return 'Update needed: this version of Ficha is older than the sync server';
    case 'server_update_needed':
      return 'The sync server is older than this extension: ask your admin to update it';
    case 'offline':
      return 'Offline: the sync server cannot be reached';
    default:
      return fallback;
  }
}

/** Errors that retrying cannot fix: wait for the user (new token, update). */
const FATAL: ReadonlySet<string> = new Set(['unauthorized', 'update_needed', 'server_update_needed', 'rejected', 'mutation_gap']);

export function syncEngine(db: FichaDb, deps: SyncEngineDeps = {}) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const pullLimit = deps.pullLimit ?? LIMITS.maxPullLimit;
  const tracker = syncTracker(db);

  let http: SyncHttp | null = null;
  let config: SyncConfigRow | null = null;
  let running: Promise<void> | null = null;
  let rerun = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerDue = 0;
  let failures = 0;
  let error: SyncStatus['error'] = null;
  let phase: 'idle' | 'syncing' = 'idle';
  let progress: SyncStatus['progress'] = null;
  let nextRetryAt: number | null = null;
  let events: AbortController | null = null;
  let knownHead = 0;
  let loaded: Promise<void> | null = null;

  tracker.onLocalWrite = () => schedule(deps.pushDelayMs ?? 500);

  const readState = async () => (await db.syncState.get('state')) as SyncProgressRow | undefined;

  async function load(): Promise<void> {
    const row = (await db.syncState.get('config')) as SyncConfigRow | undefined;
    config = row ?? null;
    http = row ? syncHttp(row.url, row.token, deps.fetch) : null;
  }
  const ensureLoaded = () => (loaded ??= load());

  function schedule(ms: number) {
    if (!config) return;
    const due = now() + ms;
    if (timer && timerDue <= due) return;
    if (timer) clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = null;
      void syncNow();
    }, ms);
  }

  async function status(): Promise<SyncStatus> {
    await ensureLoaded();
    const st = await readState();
    const pending = config ? await db.outbox.count() : 0;
    let state: SyncState = 'off';
    if (config) {
      if (phase === 'syncing') state = 'syncing';
      else if (error?.kind === 'offline') state = 'offline';
      else if (error) state = 'error';
      else if (st?.lastSyncAt) state = pending > 0 ? 'syncing' : 'synced';
      else state = 'syncing';
    } else if (error) {
      state = 'error';
    }
    return {
      state,
      url: config?.url ?? null,
      teamName: config?.teamName ?? null,
      lastSyncAt: st?.lastSyncAt ?? null,
      pending,
      error,
      progress: st && !st.initialPullDone ? progress ?? { done: 0, total: 0 } : null,
      initialPullDone: st?.initialPullDone ?? false,
      nextRetryAt,
    };
  }

  // ---- push ------------------------------------------------------------------------------------------------

  async function acknowledge(lastMutationId: number, duplicates: { entity: Entity; id: string }[] = []) {
    await db.transaction('rw', [db.syncState, db.outbox, db.activities], async (tx) => {
      tracker.markRemote(tx.idbtrans);
      const st = await readState();
      if (!st) return;
      const n = lastMutationId - st.lastAcked;
      if (n > 0) {
        const seqs = await db.outbox.orderBy('seq').limit(n).primaryKeys();
        await db.outbox.bulkDelete(seqs);
        await db.syncState.put({ ...st, lastAcked: lastMutationId });
      }
      // The same event logged under another id elsewhere: the server kept that one, the pull brings it.
      const dupIds = duplicates.filter((d) => d.entity === 'activities').map((d) => d.id);
      if (dupIds.length) await db.activities.bulkDelete(dupIds);
    });
  }

  async function pushAll(h: SyncHttp, clientId: string) {
    for (;;) {
      const st = await readState();
      if (!st) return;
      const rows = await db.outbox.orderBy('seq').limit(LIMITS.maxBatch).toArray();
      if (rows.length === 0) return;
      const mutations = rows.map((r, i): Mutation => {
        const base = { mutationId: st.lastAcked + 1 + i, entity: r.entity, id: r.id, hlc: r.hlc };
        return r.op === 'delete'
          ? { ...base, op: 'delete' }
          : { ...base, op: 'put', fields: r.fields ?? {}, ...(r.naturalKey ? { naturalKey: r.naturalKey } : {}) };
      });
      try {
        const res = await h.push({ clientId, mutations });
        await acknowledge(res.lastMutationId, res.duplicates);
      } catch (e) {
        // The server has more than we knew (an answer was lost): drop those and resend the rest.
        const last = e instanceof SyncHttpError && e.kind === 'mutation_gap' ? (e.details as { lastMutationId?: number } | undefined)?.lastMutationId : undefined;
        if (typeof last === 'number' && last > st.lastAcked) {
          await acknowledge(last);
          continue;
        }
        throw e;
      }
    }
  }

  // ---- pull ------------------------------------------------------------------------------------------------

  interface Applied {
    changed: number;
    modelChanged: boolean;
    contactsToRescore: Set<string>;
  }

  const stateOf = (row: PulledRow): RowState => ({ fields: row.fields, clocks: row.clocks, put: row.put, del: row.del });

  function materialiseContact(id: string, fields: Record<string, Json>, existing: StoredContact | undefined): StoredContact | null {
    const f = fields as Partial<Contact>;
    if (!Array.isArray(f.emails) || f.emails.length === 0) return null;
    const contact = fromStored({
      ...(f as Contact),
      id,
      firstName: f.firstName ?? '',
      lastName: f.lastName ?? '',
      leadScore: existing?.leadScore ?? 0,
      leadGrade: existing?.leadGrade ?? 'C3',
      emailKeys: [],
      searchKeys: [],
    });
    return toStored(contact);
  }

  async function applyPage(page: PullResponse, bulk: boolean): Promise<Applied> {
    const applied: Applied = { changed: 0, modelChanged: false, contactsToRescore: new Set() };
    const tables = [db.contacts, db.companies, db.activities, db.stageHistory, db.deals, db.templates, db.settings, db.outbox, db.syncState];
    await db.transaction('rw', tables, async (tx) => {
      tracker.markRemote(tx.idbtrans);
      // Local changes not yet acknowledged stay on top of the server's state (the same LWW merge the server runs).
      const pending = page.rows.length
        ? await db.outbox.where('[entity+id]').anyOf(page.rows.map((r) => [r.entity, r.id])).sortBy('seq')
        : [];
      const pendingByRow = new Map<string, OutboxRow[]>();
      for (const m of pending) {
        const k = `${m.entity}/${m.id}`;
        pendingByRow.set(k, [...(pendingByRow.get(k) ?? []), m]);
      }
      const byTable = new Map<string, { id: string; deleted: boolean; fields: Record<string, Json>; naturalKey: string | null }[]>();
      let maxStamp: string | null = null;
      const neverLogAdd: string[] = [];
      const neverLogRemove: string[] = [];
      let model: { deleted: boolean; value: Json | undefined } | null = null;
      for (const row of page.rows) {
        for (const c of [...Object.values(row.clocks), row.put, row.del]) if (c && (maxStamp === null || c > maxStamp)) maxStamp = c;
        let state = stateOf(row);
        for (const m of pendingByRow.get(`${row.entity}/${row.id}`) ?? []) state = applyMutation(state, { op: m.op, hlc: m.hlc, entity: m.entity, fields: m.fields });
        const deleted = isDeleted(state, row.entity);
        if (row.entity === 'neverLog') {
          const entry = typeof state.fields.entry === 'string' ? state.fields.entry : typeof row.fields.entry === 'string' ? row.fields.entry : row.id;
          if (deleted) neverLogRemove.push(entry);
          else neverLogAdd.push(entry);
          continue;
        }
        if (row.entity === 'scoringModels') {
          if (row.id === SCORING_MODEL_ID) model = { deleted, value: state.fields.model };
          continue;
        }
        const table = ENTITY_TABLE[row.entity];
        if (!table) continue;
        const list = byTable.get(table) ?? [];
        list.push({ id: row.id, deleted, fields: state.fields, naturalKey: row.naturalKey });
        byTable.set(table, list);
      }

      for (const [table, rows] of byTable) {
        const gone = rows.filter((r) => r.deleted).map((r) => r.id);
        const live = rows.filter((r) => !r.deleted);
        if (table === 'contacts') {
          const existing = await db.contacts.bulkGet(live.map((r) => r.id));
          const puts: StoredContact[] = [];
          live.forEach((r, i) => {
            const c = materialiseContact(r.id, r.fields, existing[i]);
            if (c) puts.push(c);
          });
          await db.contacts.bulkPut(puts);
          for (const c of puts) applied.contactsToRescore.add(c.id);
          if (gone.length) await db.contacts.bulkDelete(gone);
          applied.changed += puts.length + gone.length;
          continue;
        }
        if (table === 'activities') {
          // One activity per natural key: a local copy of the same event under another id gives way.
          const keys = live.map((r) => r.naturalKey ?? (r.fields.key as string)).filter((k): k is string => typeof k === 'string');
          if (keys.length) {
            const clash = await db.activities.where('key').anyOf(keys).toArray();
            const ids = new Set(live.map((r) => r.id));
            const drop = clash.filter((a) => !ids.has(a.id)).map((a) => a.id);
            if (drop.length) await db.activities.bulkDelete(drop);
          }
          const before = gone.length ? await db.activities.bulkGet(gone) : [];
          for (const a of before) if (a) applied.contactsToRescore.add(a.targetId);
          const rows2 = live.map((r) => ({ ...(r.fields as object), id: r.id }) as never);
          await db.activities.bulkPut(rows2);
          for (const r of live) if (typeof r.fields.targetId === 'string') applied.contactsToRescore.add(r.fields.targetId);
          if (gone.length) await db.activities.bulkDelete(gone);
          applied.changed += live.length + gone.length;
          continue;
        }
        const t = db.table(table);
        const key = table === 'companies' ? 'domain' : 'id';
        await t.bulkPut(live.map((r) => ({ ...r.fields, [key]: r.id })));
        if (gone.length) await t.bulkDelete(gone);
        if (table === 'deals') for (const r of live) if (typeof r.fields.contactId === 'string') applied.contactsToRescore.add(r.fields.contactId);
        if (table === 'companies' && !bulk) {
          const domains = [...live.map((r) => r.id), ...gone];
          const ids = await db.contacts.where('companyDomain').anyOf(domains).primaryKeys();
          for (const id of ids) applied.contactsToRescore.add(id);
        }
        applied.changed += live.length + gone.length;
      }

      if (neverLogAdd.length || neverLogRemove.length) {
        const row = await db.settings.get('settings');
        const current = row?.key === 'settings' ? row.value : null;
        const list = new Set(current?.neverLog ?? []);
        for (const e of neverLogRemove) list.delete(e);
        for (const e of neverLogAdd) list.add(e);
        await db.settings.put({ key: 'settings', value: { ...DEFAULT_SETTINGS, ...current, neverLog: [...list] } });
        applied.changed += neverLogAdd.length + neverLogRemove.length;
      }
      if (model) {
        const m = model as { deleted: boolean; value: Json | undefined };
        if (m.deleted || m.value === undefined) await db.settings.delete('scoringModel');
        else {
          const next: SettingsRow = { key: 'scoringModel', value: m.value as never, rescored: false };
          await db.settings.put(next);
        }
        applied.modelChanged = true;
        applied.changed++;
      }

      if (applied.contactsToRescore.size <= RESCORE_INLINE_MAX) {
        const at = now();
        for (const id of applied.contactsToRescore) await rescoreContact(db, id, at);
        applied.contactsToRescore.clear();
      }

      tracker.observe(maxStamp);
      const st = await readState();
      if (st) await db.syncState.put({ ...st, cursor: page.cursor, clock: tracker.clockStamp(), pulledHead: Math.max(st.pulledHead, page.head) });
    });
    return applied;
  }

  async function pullAll(h: SyncHttp) {
    let anyChange = false;
    let modelChanged = false;
    let needsFullRescore = false;
    const first = await readState();
    if (!first) return;
    // The next page is fetched while this one is written (pages still apply in cursor order, one transaction each).
    let next: Promise<PullResponse> = h.pull(first.cursor, pullLimit);
    for (;;) {
      const page = await next;
      if (page.hasMore) {
        next = h.pull(page.cursor, pullLimit);
        next.catch(() => {}); // awaited next turn; a failure there is handled then
      }
      const st = await readState();
      if (!st) return;
      const bulk = !st.initialPullDone;
      const applied = await applyPage(page, bulk);
      knownHead = Math.max(knownHead, page.head);
      if (applied.changed) anyChange = true;
      if (applied.modelChanged) modelChanged = true;
      if (applied.contactsToRescore.size) needsFullRescore = true;
      if (bulk) {
        const last = page.rows.at(-1)?.version ?? page.head;
        progress = { done: page.hasMore ? Math.min(last, page.head) : page.head, total: page.head };
      }
      if (!page.hasMore) break;
    }
    const st = await readState();
    if (st && !st.initialPullDone) await db.syncState.put({ ...st, initialPullDone: true });
    progress = null;
    if (modelChanged) await deps.onModelChanged?.();
    // Scores of a bulk download follow in the background, in the rescore's short chunked transactions.
    if (needsFullRescore && !modelChanged) void rescoreAll(db, activeScorer(db), now(), () => {}).catch((e: unknown) => console.error('[ficha] rescore after sync failed', e));
    if (anyChange) deps.onRemoteChange?.();
  }

  // ---- the loop --------------------------------------------------------------------------------------------

  async function cycle() {
    await ensureLoaded();
    const h = http;
    const st = await readState();
    if (!h || !st) return;
    phase = 'syncing';
    try {
      await pushAll(h, st.clientId);
      await pullAll(h);
      await pushAll(h, st.clientId);
      const done = await readState();
      if (done) await db.syncState.put({ ...done, lastSyncAt: now(), clock: tracker.clockStamp() });
      failures = 0;
      error = null;
      nextRetryAt = null;
    } catch (e) {
      const kind = e instanceof SyncHttpError ? e.kind : 'unknown';
      const message = userMessage(kind, e instanceof Error ? e.message : String(e));
      error = { kind, message };
      if (!(e instanceof SyncHttpError)) console.error('[ficha] sync failed', e);
      if (!FATAL.has(kind)) {
        failures++;
        const base = e instanceof SyncHttpError && e.retryAfterMs ? e.retryAfterMs : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 20));
        const delay = Math.round(base * (0.5 + random() * 0.5));
        nextRetryAt = now() + delay;
        schedule(delay);
      }
    } finally {
      phase = 'idle';
    }
  }

  function syncNow(): Promise<void> {
    if (running) {
      rerun = true;
      return running;
    }
    running = (async () => {
      do {
        rerun = false;
        await cycle();
      } while (rerun && !error);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function startEvents() {
    if (deps.liveEvents === false || events || !http) return;
    const controller = new AbortController();
    events = controller;
    const h = http;
    let attempt = 0;
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          await h.events((head) => {
            attempt = 0;
            if (head > knownHead) void syncNow();
          }, controller.signal);
        } catch {
          // the poll (alarm) covers us meanwhile
        }
        if (controller.signal.aborted) break;
        attempt++;
        const delay = Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)) * (0.5 + random() * 0.5);
        await new Promise((r) => setTimeout(r, delay));
      }
    })();
  }

  function stopEvents() {
    events?.abort();
    events = null;
  }

  /** Every synced row already stored, queued as puts (stamped with its own update time) on first connect. */
  async function enqueueSnapshot(clientId: string) {
    const at = now();
    const stampAt = (row: Record<string, unknown>) => {
      const t = typeof row.updatedAt === 'number' ? row.updatedAt : typeof row.createdAt === 'number' ? row.createdAt : at;
      return `${String(Math.min(Math.max(0, Math.floor(t)), at)).padStart(15, '0')}:000000:${clientId}`;
    };
    for (const table of [...SYNCED_LOCAL_TABLES, 'settings'] as const) {
      const t = db.table(table);
      let last: unknown = undefined;
      for (;;) {
        const chunk = (last === undefined ? await t.orderBy(':id').limit(SNAPSHOT_CHUNK).toArray() : await t.where(':id').above(last).limit(SNAPSHOT_CHUNK).toArray()) as Record<string, unknown>[];
        if (chunk.length === 0) break;
        last = t.schema.primKey.keyPath ? chunk.at(-1)?.[t.schema.primKey.keyPath as string] : undefined;
        const rows: OutboxRow[] = [];
        for (const row of chunk) {
          // Seeded templates nobody edited exist on every device under the same id: leave the team's copy alone.
          if (table === 'templates' && row.builtIn && row.updatedAt === row.createdAt) continue;
          rows.push(...toOutboxRows(diffRow(table, undefined, row), () => stampAt(row)));
        }
        if (rows.length) await db.outbox.bulkAdd(rows);
        if (chunk.length < SNAPSHOT_CHUNK || last === undefined) break;
      }
    }
  }

  return {
    status,
    syncNow: async () => {
      await ensureLoaded();
      if (!config) return status();
      error = null;
      failures = 0;
      await syncNow();
      return status();
    },

    /** Tests the connection (whoami), saves it and starts syncing. A new server or team starts a fresh replica. */
    async connect(rawUrl: string, token: string): Promise<ConnectResult> {
      await ensureLoaded();
      const url = normaliseServerUrl(rawUrl);
      if (!url) return { ok: false, error: { kind: 'invalid_url', message: 'Enter the server address, e.g. https://sync.example.com' } };
      const h = syncHttp(url, token.trim(), deps.fetch);
      let who;
      try {
        who = await h.whoami();
      } catch (e) {
        const kind = e instanceof SyncHttpError ? e.kind : 'offline';
        error = { kind, message: userMessage(kind, e instanceof Error ? e.message : String(e)) };
        return { ok: false, error: { kind, message: error.message } };
      }
      const st = await readState();
      const sameReplica = !!(st && config && config.url === url && config.teamName === who.team.name);
      stopEvents();
      const fresh = !sameReplica;
      const clientId = fresh ? newClientId() : st!.clientId;
      await db.transaction('rw', db.syncState, db.outbox, async () => {
        if (fresh) await db.outbox.clear();
        await db.syncState.put({ key: 'config', url, token: token.trim(), teamName: who.team.name, connectedAt: now() });
        if (fresh) await db.syncState.put({ key: 'state', clientId, clock: null, lastAcked: 0, cursor: '', initialPullDone: false, lastSyncAt: null, pulledHead: 0 });
      });
      if (fresh) {
        tracker.enable(clientId, null);
        await enqueueSnapshot(clientId);
      }
      loaded = load();
      await loaded;
      error = null;
      failures = 0;
      knownHead = 0;
      progress = { done: 0, total: who.head };
      void syncNow();
      startEvents();
      return { ok: true, status: await status() };
    },

    /** Stops syncing. `wipe`: also removes the synced data from this browser (the team keeps it on the server). */
    async disconnect(wipe: boolean): Promise<SyncStatus> {
      await ensureLoaded();
      stopEvents();
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
      tracker.disable();
      await db.transaction('rw', [db.syncState, db.outbox], async () => {
        await db.syncState.clear();
        await db.outbox.clear();
      });
      if (wipe) {
        await db.transaction('rw', [db.contacts, db.companies, db.activities, db.stageHistory, db.deals, db.consentLog], async () => {
          await Promise.all([db.contacts.clear(), db.companies.clear(), db.activities.clear(), db.stageHistory.clear(), db.deals.clear(), db.consentLog.clear()]);
        });
      }
      config = null;
      http = null;
      error = null;
      progress = null;
      loaded = Promise.resolve();
      return status();
    },

    /** Worker start: resume a sync that was running when the worker stopped. */
    async start() {
      await ensureLoaded();
      if (!config) return;
      void syncNow();
      startEvents();
    },

    /** The periodic alarm: poll (the SSE stream may be down) and reconnect the stream. */
    async onAlarm() {
      await ensureLoaded();
      if (!config) return;
      if (error && FATAL.has(error.kind)) return;
      void syncNow();
      startEvents();
    },

    onOnline() {
      error = error?.kind === 'offline' ? null : error;
      failures = 0;
      schedule(0);
    },

    onOffline() {
      if (config) error = { kind: 'offline', message: userMessage('offline', '') };
    },

    /** A server is configured (the runtime keeps the worker alive for the live event stream meanwhile). */
    isConnected: async () => {
      await ensureLoaded();
      return config !== null;
    },

    /** Test hook: wait until the loop is idle. */
    idle: async () => {
      while (running) await running;
    },
    stop() {
      stopEvents();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type SyncEngine = ReturnType<typeof syncEngine>;
