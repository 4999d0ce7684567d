// Change tracking for team sync: a DBCore middleware (the way dexie-cloud-addon tracks mutations) that, while sync
// is on, adds the `outbox` store to every read-write transaction touching a synced table and, for each put or
// delete, writes the per-field change (fields that actually changed, stamped with a fresh HLC) to the outbox in
// that same transaction. A change and its outbox row commit or abort together: nothing is lost, nothing is sent
// that did not happen. Writes applied from a pull run in transactions marked remote and create no outbox rows.
import type Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { encodeHlc, initialHlc, observe, parseHlc, tick, type HlcState } from '@/lib/sync/hlc';
import type { Entity, Json } from '@/lib/sync/wire';

/** One local change waiting for the server. Its mutation id is its position: lastAcked + 1 + index in seq order. */
export interface OutboxRow {
  seq?: number;
  entity: Entity;
  op: 'put' | 'delete';
  id: string;
  hlc: string;
  fields?: Record<string, Json>;
  naturalKey?: string;
}

export interface SyncConfigRow {
  key: 'config';
  url: string;
  token: string;
  teamName: string;
  /** The team's id: names are not unique, and a team made again after a server reset keeps its name. */
  teamId?: string;
  connectedAt: number;
}

export interface SyncProgressRow {
  key: 'state';
  clientId: string;
  /** Greatest HLC issued or seen, so stamps stay ahead after a restart. */
  clock: string | null;
  /** Highest mutation id the server acknowledged; the outbox holds the ones after it, in order. */
  lastAcked: number;
  /** Pull cursor (opaque, from the server). */
  cursor: string;
  initialPullDone: boolean;
  lastSyncAt: number | null;
  pulledHead: number;
  /** Set while the first-connect snapshot is being queued: a worker stopped meanwhile queues it again on start. */
  snapshotPending?: boolean;
}

export type SyncStateRow = SyncConfigRow | SyncProgressRow;

/** Local tables whose rows are synced, and their wire entity. `settings` maps rows to scoringModels / neverLog. */
export const SYNCED_TABLES: ReadonlySet<string> = new Set(['contacts', 'companies', 'activities', 'stageHistory', 'deals', 'templates', 'settings']);

/** Contact fields derived locally (index keys; the score follows synced activities and the synced model). */
const CONTACT_LOCAL_FIELDS = new Set(['id', 'emailKeys', 'searchKeys', 'leadScore', 'leadGrade']);

/** The scoring model is one row; the never-log list one row per entry (so two people adding entries both win). */
export const SCORING_MODEL_ID = 'active';

export function neverLogId(entry: string): string {
  if (entry.length <= 128) return entry;
  let h = 0x811c9dc5;
  for (let i = 0; i < entry.length; i++) h = Math.imul(h ^ entry.charCodeAt(i), 0x01000193) >>> 0;
  return `h_${h.toString(16)}_${entry.length}`;
}

interface WireRow {
  entity: Entity;
  id: string;
  fields: Record<string, Json>;
  naturalKey?: string;
}

/** A stored row as wire fields (JSON values only; undefined dropped). null: this row is not synced. */
export function rowToWire(table: string, row: Record<string, unknown>): WireRow | null {
  const fields: Record<string, Json> = {};
  const copy = (skip: ReadonlySet<string>) => {
    for (const [k, v] of Object.entries(row)) {
      if (skip.has(k) || v === undefined || typeof v === 'function') continue;
      fields[k] = JSON.parse(JSON.stringify(v)) as Json;
    }
  };
  switch (table) {
    case 'contacts':
      copy(CONTACT_LOCAL_FIELDS);
      return { entity: 'contacts', id: String(row.id), fields };
    case 'companies':
      copy(new Set(['domain']));
      return { entity: 'companies', id: String(row.domain), fields };
    case 'activities':
      // Score moves are derived on every replica from the synced activities: never sent.
      if (row.type === 'score.changed') return null;
      copy(new Set(['id']));
      return { entity: 'activities', id: String(row.id), fields, naturalKey: String(row.key) };
    case 'stageHistory':
    case 'deals':
    case 'templates':
      copy(new Set(['id']));
      return { entity: table, id: String(row.id), fields };
    default:
      return null;
  }
}

type Change = Omit<OutboxRow, 'seq' | 'hlc'>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The per-field changes from `before` to `after` (either may be missing) of one row of `table`. */
export function diffRow(table: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Change[] {
  if (table === 'settings') return diffSettings(before, after);
  if (!after) {
    const w = before && rowToWire(table, before);
    return w ? [{ entity: w.entity, op: 'delete', id: w.id }] : [];
  }
  const next = rowToWire(table, after);
  if (!next) return [];
  const prev = before ? rowToWire(table, before) : null;
  const fields: Record<string, Json> = {};
  for (const [k, v] of Object.entries(next.fields)) if (!prev || !same(prev.fields[k], v)) fields[k] = v;
  // A field removed from the record is written as null (LWW needs a value to win with).
  if (prev) for (const k of Object.keys(prev.fields)) if (!(k in next.fields)) fields[k] = null;
  if (prev && Object.keys(fields).length === 0) return [];
  return [{ entity: next.entity, op: 'put', id: next.id, fields, ...(next.naturalKey ? { naturalKey: next.naturalKey } : {}) }];
}

function diffSettings(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Change[] {
  const key = (after ?? before)?.key;
  if (key === 'scoringModel') {
    if (!after) return [{ entity: 'scoringModels', op: 'delete', id: SCORING_MODEL_ID }];
    if (before && same(before.value, after.value)) return [];
    return [{ entity: 'scoringModels', op: 'put', id: SCORING_MODEL_ID, fields: { model: JSON.parse(JSON.stringify(after.value)) as Json } }];
  }
  if (key === 'settings') {
    const list = (row: Record<string, unknown> | undefined) => new Set(((row?.value as { neverLog?: string[] } | undefined)?.neverLog ?? []));
    const was = list(before);
    const now = list(after);
    const out: Change[] = [];
    for (const entry of now) if (!was.has(entry)) out.push({ entity: 'neverLog', op: 'put', id: neverLogId(entry), fields: { entry } });
    for (const entry of was) if (!now.has(entry)) out.push({ entity: 'neverLog', op: 'delete', id: neverLogId(entry) });
    return out;
  }
  return [];
}

/** Splits a put's fields so each mutation stays under the server's limits; a single oversized field is dropped. */
export function splitFields(fields: Record<string, Json>, maxBytes = 30 * 1024, maxFields = 200): Record<string, Json>[] {
  const chunks: Record<string, Json>[] = [];
  let current: Record<string, Json> = {};
  let size = 2;
  let count = 0;
  for (const [k, v] of Object.entries(fields)) {
    const bytes = JSON.stringify(k).length + JSON.stringify(v).length + 1;
    if (bytes + 2 > maxBytes) {
      console.warn(`[ficha] sync: field ${k} is too large to sync (${bytes} bytes), kept local`);
      continue;
    }
    if (count > 0 && (size + bytes > maxBytes || count >= maxFields)) {
      chunks.push(current);
      current = {};
      size = 2;
      count = 0;
    }
    current[k] = v;
    size += bytes;
    count++;
  }
  if (count > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** Stamps changes and turns them into outbox rows (one HLC per row change). */
export function toOutboxRows(changes: Change[], stamp: () => string): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (const c of changes) {
    const hlc = stamp();
    if (c.op === 'delete') {
      rows.push({ entity: c.entity, op: 'delete', id: c.id, hlc });
      continue;
    }
    for (const fields of splitFields(c.fields ?? {})) rows.push({ ...c, fields, hlc });
  }
  return rows;
}

export interface SyncTracker {
  readonly enabled: boolean;
  readonly clientId: string | null;
  /** A fresh local stamp (ticks the clock). */
  stamp(now?: number): string;
  /** Sees a remote stamp: later local stamps sort after it. */
  observe(remote: string | null): void;
  clockStamp(): string | null;
  enable(clientId: string, clock: string | null): void;
  disable(): void;
  /** Writes in this (DBCore / IDB) transaction come from the server: no outbox rows. */
  markRemote(trans: unknown): void;
  /** Called after each tracked local write (the sync loop debounces a push on it). */
  onLocalWrite: (() => void) | null;
}

const trackers = new WeakMap<Dexie, SyncTracker>();

export function syncTracker(db: Dexie): SyncTracker {
  const t = trackers.get(db);
  if (!t) throw new Error('sync tracking not installed on this database');
  return t;
}

export function installSyncTracking(db: Dexie): SyncTracker {
  let clock: HlcState | null = null;
  const remote = new WeakSet<object>();
  const tracked = new WeakSet<object>();
  const tracker: SyncTracker = {
    get enabled() {
      return clock !== null;
    },
    get clientId() {
      return clock?.clientId ?? null;
    },
    stamp(now = Date.now()) {
      if (!clock) throw new Error('sync is off');
      clock = tick(clock, now);
      return encodeHlc(clock);
    },
    observe(stamp) {
      if (clock && stamp) clock = observe(clock, stamp, Date.now());
    },
    clockStamp: () => (clock ? encodeHlc(clock) : null),
    enable(clientId, saved) {
      clock = initialHlc(clientId);
      if (saved) {
        const s = parseHlc(saved);
        clock = { clientId, wall: s.wall, counter: s.counter };
      }
    },
    disable() {
      clock = null;
    },
    markRemote(trans) {
      if (trans && typeof trans === 'object') remote.add(trans);
    },
    onLocalWrite: null,
  };
  trackers.set(db, tracker);

  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ficha-outbox',
    create(down) {
      const withOutbox = down.schema.tables.some((t) => t.name === 'outbox');
      const wrapped = new Map<string, DBCoreTable>();
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode === 'readwrite' && tracker.enabled && withOutbox && stores.some((s) => SYNCED_TABLES.has(s))) {
            const trans = down.transaction(stores.includes('outbox') ? stores : [...stores, 'outbox'], mode, options);
            tracked.add(trans);
            return trans;
          }
          return down.transaction(stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!SYNCED_TABLES.has(name)) return table;
          const cached = wrapped.get(name);
          if (cached) return cached;
          const tracking: DBCoreTable = {
            ...table,
            async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
              const trans = req.trans as DBCoreTransaction & object;
              if (!tracker.enabled || !tracked.has(trans) || remote.has(trans)) return table.mutate(req);
              const { extractKey } = table.schema.primaryKey;
              let keys: unknown[];
              if (req.type === 'deleteRange') {
                keys = (await table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })).result;
              } else if (req.type === 'delete') {
                keys = req.keys;
              } else {
                keys = req.keys ?? req.values.map((v) => (extractKey ? extractKey(v) : undefined));
              }
              // An add replaces nothing (it is diffed against no row below): no read before it, one round trip less
              // on every logged email.
              const known = req.type === 'add' ? [] : keys.filter((k) => k !== undefined && k !== null);
              const existing = known.length ? await table.getMany({ trans, keys: known }) : [];
              const before = new Map<unknown, Record<string, unknown> | undefined>();
              known.forEach((k, i) => before.set(JSON.stringify(k), existing[i] as Record<string, unknown> | undefined));
              const res = await table.mutate(req);
              const changes: Change[] = [];
              keys.forEach((key, i) => {
                if (res.failures?.[i]) return;
                const prev = before.get(JSON.stringify(key));
                if (req.type === 'delete' || req.type === 'deleteRange') changes.push(...diffRow(name, prev, undefined));
                else changes.push(...diffRow(name, req.type === 'add' ? undefined : prev, req.values[i] as Record<string, unknown>));
              });
              if (changes.length > 0) {
                const values = toOutboxRows(changes, () => tracker.stamp());
                await down.table('outbox').mutate({ type: 'add', trans, values });
                tracker.onLocalWrite?.();
              }
              return res;
            },
          };
          wrapped.set(name, tracking);
          return tracking;
        },
      };
    },
  };
  db.use(middleware);

  // Sync state is read before any other query runs, so a write right after start is tracked.
  db.on('ready', async (vip) => {
    const row = (await vip.table('syncState').get('state')) as SyncProgressRow | undefined;
    if (!row) {
      tracker.disable();
      return;
    }
    const last = (await vip.table('outbox').orderBy(':id').last()) as OutboxRow | undefined;
    tracker.enable(row.clientId, row.clock);
    tracker.observe(last?.hlc ?? null);
  }, true);
  return tracker;
}
