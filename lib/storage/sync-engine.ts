// The sync loop in the background worker: push the outbox in order, pull pages by cursor, merge, repeat.
// Everything it needs to resume is in IndexedDB (outbox, cursor, last acknowledged id, clock), so a worker killed
// mid-sync picks up where it stopped. Driven by local writes (debounced), the server's SSE head events, an alarm
// and online/offline events; failures back off exponentially with jitter. The parts live in ./sync/: push, pull
// and apply, the scheduler (one cycle at a time, timer, backoff), the live events and the first-connect snapshot.
import { SyncHttpError, normaliseServerUrl, syncHttp, type FetchLike, type SyncHttp } from '@/lib/sync/client-http';
import { LIMITS } from '@/lib/sync/wire';
import type { FichaDb } from './db';
import { syncTracker, type SyncConfigRow, type SyncProgressRow } from './sync-tracking';
import { liveEvents } from './sync/live-events';
import { pullAll, type PullStats } from './sync/pull';
import { pushOutbox, readSyncState, ServerForgot } from './sync/push';
import { backoffDelay, syncScheduler } from './sync/scheduler';
import { enqueueSnapshot } from './sync/snapshot';
import { FATAL, userMessage, type ConnectResult, type SyncState, type SyncStatus } from './sync/status';

export type { ConnectResult, SyncState, SyncStatus } from './sync/status';

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
  /** Delay from a local write to the push (writes meanwhile go in the same push); default 150 ms. */
  pushDelayMs?: number;
}

const newClientId = () => `c${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** A new replica: nothing acknowledged or pulled yet, its first snapshot still to queue. */
const freshState = (clientId: string, clock: string | null): SyncProgressRow => ({
  key: 'state',
  clientId,
  clock,
  lastAcked: 0,
  cursor: '',
  initialPullDone: false,
  lastSyncAt: null,
  pulledHead: 0,
  snapshotPending: true,
});

export function syncEngine(db: FichaDb, deps: SyncEngineDeps = {}) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const pullLimit = deps.pullLimit ?? LIMITS.maxPullLimit;
  const tracker = syncTracker(db);

  let http: SyncHttp | null = null;
  let config: SyncConfigRow | null = null;
  let failures = 0;
  let error: SyncStatus['error'] = null;
  let phase: 'idle' | 'syncing' = 'idle';
  let progress: SyncStatus['progress'] = null;
  let nextRetryAt: number | null = null;
  let knownHead = 0;
  let pullStats: PullStats = { pages: 0, rows: 0, waitMs: 0, applyMs: 0 };
  let loaded: Promise<void> | null = null;

  const scheduler = syncScheduler(now, async () => {
    await cycle();
    return error === null;
  });
  const syncNow = () => scheduler.runNow();
  const schedule = (ms: number) => {
    if (config) scheduler.schedule(ms);
  };
  const events = liveEvents((head) => {
    if (head > knownHead) void syncNow();
  }, random);
  const startEvents = () => {
    if (deps.liveEvents !== false && http) events.start(http);
  };

  // Short: it is a third of the 2 s budget for an edit to reach another device's open sidebar, and a burst of
  // writes (an import's chunks) still goes out in a few pushes of up to 1,000 rows, not one request per write.
  tracker.onLocalWrite = () => schedule(deps.pushDelayMs ?? 150);

  async function load(): Promise<void> {
    const row = (await db.syncState.get('config')) as SyncConfigRow | undefined;
    const st = row ? await readSyncState(db) : undefined;
    // A first-connect snapshot cut off by the worker stopping is queued again before anything is pushed (a row
    // queued twice only repeats the same values).
    if (st?.snapshotPending) await queueSnapshot(st.clientId);
    config = row ?? null;
    http = row ? syncHttp(row.url, row.token, deps.fetch) : null;
  }
  async function queueSnapshot(clientId: string): Promise<void> {
    await enqueueSnapshot(db, clientId, now());
    const st = await readSyncState(db);
    if (st) await db.syncState.put({ ...st, snapshotPending: false });
  }
  // A load that failed (storage full while queueing a snapshot) is tried again by the next call, not kept.
  const ensureLoaded = () =>
    (loaded ??= load().catch((e: unknown) => {
      loaded = null;
      throw e;
    }));

  async function status(): Promise<SyncStatus> {
    await ensureLoaded();
    const st = await readSyncState(db);
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

  async function startOver(): Promise<void> {
    const clientId = newClientId();
    const clock = tracker.clockStamp();
    await db.transaction('rw', db.syncState, db.outbox, async () => {
      const deletes = (await db.outbox.toArray()).filter((r) => r.op === 'delete').map(({ seq: _seq, ...r }) => r);
      await db.outbox.clear();
      await db.outbox.bulkAdd(deletes);
      await db.syncState.put(freshState(clientId, clock));
    });
    tracker.enable(clientId, clock);
    await queueSnapshot(clientId);
  }

  async function cycle() {
    await ensureLoaded();
    const h = http;
    const st = await readSyncState(db);
    if (!h || !st) return;
    phase = 'syncing';
    try {
      await pushOutbox(db, tracker, h, st.clientId);
      await pullAll(db, tracker, h, {
        now,
        limit: pullLimit,
        stats: pullStats,
        onHead: (head) => (knownHead = Math.max(knownHead, head)),
        onProgress: (p) => (progress = p),
        onModelChanged: deps.onModelChanged,
        onRemoteChange: deps.onRemoteChange,
      });
      await pushOutbox(db, tracker, h, st.clientId);
      const done = await readSyncState(db);
      if (done) await db.syncState.put({ ...done, lastSyncAt: now(), clock: tracker.clockStamp() });
      failures = 0;
      error = null;
      nextRetryAt = null;
    } catch (e) {
      if (e instanceof ServerForgot) {
        // Everything this device holds is sent again as a new replica (a pull from the start follows), so what the
        // restored server lost comes back; deletes not yet sent are kept.
        console.warn('[ficha] sync: the server was restored from an older backup; sending this device\'s data again', e.message);
        await startOver();
        error = null; // an earlier error must not stop the rerun below
        failures = 0;
        void syncNow(); // a rerun of this cycle, as soon as it returns
        return;
      }
      const kind = e instanceof SyncHttpError ? e.kind : 'unknown';
      const message = userMessage(kind, e instanceof Error ? e.message : String(e));
      error = { kind, message };
      if (!(e instanceof SyncHttpError)) console.error('[ficha] sync failed', e);
      if (!FATAL.has(kind)) {
        failures++;
        const delay = backoffDelay(failures, random, e instanceof SyncHttpError ? e.retryAfterMs : undefined);
        nextRetryAt = now() + delay;
        schedule(delay);
      }
    } finally {
      phase = 'idle';
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
      const st = await readSyncState(db);
      // Rows saved before team ids were kept carry the name only.
      const sameTeam = config?.teamId ? config.teamId === who.team.id : config?.teamName === who.team.name;
      const sameReplica = !!(st && config && config.url === url && sameTeam);
      // A cycle of the old connection still running would write its cursor into the new replica's state.
      events.stop();
      scheduler.cancel();
      await scheduler.running?.catch(() => {});
      // Until the new connection is loaded below, a cycle (a write's timer) finds nothing to sync with.
      http = null;
      config = null;
      const fresh = !sameReplica;
      const clientId = fresh ? newClientId() : st!.clientId;
      try {
        await db.transaction('rw', db.syncState, db.outbox, async () => {
          if (fresh) await db.outbox.clear();
          await db.syncState.put({ key: 'config', url, token: token.trim(), teamName: who.team.name, teamId: who.team.id, connectedAt: now() });
          if (fresh) await db.syncState.put(freshState(clientId, null));
        });
        if (fresh) {
          tracker.enable(clientId, null);
          await queueSnapshot(clientId);
        }
      } finally {
        // Whatever is saved now (the old connection if the write failed) is what the engine runs with.
        loaded = null;
        await ensureLoaded().catch(() => undefined);
      }
      error = null;
      failures = 0;
      knownHead = 0;
      pullStats = { pages: 0, rows: 0, waitMs: 0, applyMs: 0 };
      progress = { done: 0, total: who.head };
      void syncNow();
      startEvents();
      return { ok: true, status: await status() };
    },

    /** Stops syncing. `wipe`: also removes the synced data from this browser (the team keeps it on the server). */
    async disconnect(wipe: boolean): Promise<SyncStatus> {
      await ensureLoaded();
      events.stop();
      scheduler.cancel();
      await scheduler.running?.catch(() => {});
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

    /** Pull timings since this worker connected or started (the benchmark reports them). */
    pullStats: (): PullStats => ({ ...pullStats }),

    /** Test hook: wait until the loop is idle. */
    idle: async () => {
      while (scheduler.running) await scheduler.running;
    },
    stop() {
      events.stop();
      scheduler.cancel();
    },
  };
}

export type SyncEngine = ReturnType<typeof syncEngine>;
