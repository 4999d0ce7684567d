// The contact search table (search-key-table.ts), kept in IndexedDB between worker starts. Building it from 100,000
// contacts takes seconds of worker time, and a service worker is stopped after 30 s idle: without a stored copy,
// the popup opened on a sleeping worker answered its first keystrokes from slower IndexedDB probes.
//
// The stored table can lag the contacts: every contact write marks its id dirty in the same transaction
// (search-table-tracking.ts), and the loader re-reads the dirty contacts into the index's overlay. A bulk write
// (import, sync pull, clear) drops the stored table instead and starts a new epoch. A saved build clears only the
// marks it has seen (each mark is unique, so a contact rewritten during the build keeps its newer mark), and is not
// saved at all when a drop happened since it read the marks.
import Dexie, { type DBCoreTransaction } from 'dexie';
import { storeRequest } from './idb-request';
import type { KeyTable } from './search-key-table';

export const SEARCH_TABLE = 'searchTable';
export const TABLE_KEY = 'table';
export const DIRTY_PREFIX = 'dirty:';
/** Rewritten with a new mark by every drop: a build that saw another epoch is not saved (a bulk write overlapped). */
export const EPOCH_KEY = 'epoch';
/** Bumped when the key derivation or the row's layout changes: an older stored table is rebuilt. */
export const TABLE_FORMAT = 1;
/** Between ids and between keys in the stored strings (one string splits far faster than 300,000 are cloned). */
const SEPARATOR = '\u0000';

export interface StoredTableRow {
  key: typeof TABLE_KEY;
  format: number;
  ids: string;
  keys: string;
  postStart: Uint32Array;
  postings: Uint32Array;
  ownStart: Uint32Array;
  ownKeys: Uint32Array;
}

export interface DirtyMarkRow {
  key: string;
  mark: string;
}

export type SearchTableRow = StoredTableRow | DirtyMarkRow;

const dirtyRange = { lower: DIRTY_PREFIX, upper: `${DIRTY_PREFIX}\uffff` };

let markSeq = 0;
const session = Math.random().toString(36).slice(2);
/** A mark no other write carries: this worker's session plus a counter. */
export const nextMark = () => `${session}.${++markSeq}`;

export const dirtyKey = (contactId: string) => `${DIRTY_PREFIX}${contactId}`;

/** The stored table and the contacts changed since it was saved (id → mark), or null when there is none to use. */
export async function loadStoredTable(db: Dexie): Promise<{ table: KeyTable; dirty: Map<string, string> } | null> {
  return db.transaction('r', SEARCH_TABLE, async () => {
    const store = db.table<SearchTableRow, string>(SEARCH_TABLE);
    const row = (await store.get(TABLE_KEY)) as StoredTableRow | undefined;
    if (!row || row.format !== TABLE_FORMAT) return null;
    const dirty = await dirtyMarks(db);
    const ids = row.ids === '' ? [] : row.ids.split(SEPARATOR);
    const keys = row.keys === '' ? [] : row.keys.split(SEPARATOR);
    if (ids.length + 1 !== row.ownStart.length || keys.length + 1 !== row.postStart.length) return null; // damaged
    const { postStart, postings, ownStart, ownKeys } = row;
    return { table: { ids, keys, postStart, postings, ownStart, ownKeys }, dirty };
  });
}

/** Contact id → its dirty mark. */
export async function dirtyMarks(db: Dexie): Promise<Map<string, string>> {
  const rows = (await db.table<SearchTableRow, string>(SEARCH_TABLE).where('key').between(dirtyRange.lower, dirtyRange.upper).toArray()) as DirtyMarkRow[];
  return new Map(rows.map((r) => [r.key.slice(DIRTY_PREFIX.length), r.mark]));
}

/** What a build reads before it reads the contacts: the marks it may clear and the epoch it belongs to. */
export interface SeenMarks {
  marks: Map<string, string>;
  epoch: string;
}

export function readSeenMarks(db: Dexie): Promise<SeenMarks> {
  return db.transaction('r', SEARCH_TABLE, async () => {
    const [marks, epoch] = await Promise.all([dirtyMarks(db), db.table<SearchTableRow, string>(SEARCH_TABLE).get(EPOCH_KEY)]);
    return { marks, epoch: (epoch as DirtyMarkRow | undefined)?.mark ?? '' };
  });
}

/**
 * Saves a table built from the contacts as they were once `seen` (read before the build) was, and clears those marks
 * if they are unchanged. Skipped (false) when a drop started a new epoch since, when `stillValid` says no (checked
 * in the save's transaction), or when an id or key holds the separator.
 */
export async function saveStoredTable(db: Dexie, table: KeyTable, seen: SeenMarks, stillValid: () => boolean = () => true): Promise<boolean> {
  if (table.ids.some((id) => id.includes(SEPARATOR)) || table.keys.some((key) => key.includes(SEPARATOR))) return false;
  const row: StoredTableRow = {
    key: TABLE_KEY,
    format: TABLE_FORMAT,
    ids: table.ids.join(SEPARATOR),
    keys: table.keys.join(SEPARATOR),
    postStart: table.postStart,
    postings: table.postings,
    ownStart: table.ownStart,
    ownKeys: table.ownKeys,
  };
  return db.transaction('rw', SEARCH_TABLE, async () => {
    const store = db.table<SearchTableRow, string>(SEARCH_TABLE);
    const now = await readSeenMarks(db);
    if (now.epoch !== seen.epoch || !stillValid()) return false;
    const cleared = [...seen.marks].filter(([id, mark]) => now.marks.get(id) === mark).map(([id]) => dirtyKey(id));
    await store.put(row);
    if (cleared.length) await store.bulkDelete(cleared);
    return true;
  });
}

/**
 * In a contacts write's own transaction (the tracking middleware): the stored table and every mark go, and a new
 * epoch starts. Raw requests on the IndexedDB transaction: below Dexie's table hooks, which a middleware cannot reach.
 */
export function dropStoredTable(trans: DBCoreTransaction): Promise<unknown> {
  return Dexie.Promise.all([
    storeRequest(trans, SEARCH_TABLE, (s) => s.delete(TABLE_KEY)),
    storeRequest(trans, SEARCH_TABLE, (s) => s.delete(IDBKeyRange.bound(dirtyRange.lower, dirtyRange.upper))),
    storeRequest(trans, SEARCH_TABLE, (s) => s.put({ key: EPOCH_KEY, mark: nextMark() } satisfies DirtyMarkRow)),
  ]);
}

/** Marks contacts dirty in the write's own transaction. */
export function markDirty(trans: DBCoreTransaction, ids: Iterable<string>): Promise<unknown> {
  return Dexie.Promise.all([...ids].map((id) => storeRequest(trans, SEARCH_TABLE, (s) => s.put({ key: dirtyKey(id), mark: nextMark() } satisfies DirtyMarkRow))));
}
