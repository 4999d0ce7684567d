// The DBCore middleware that keeps the dashboard's tallies (tallies.ts) in step with every contact and activity write:
// it adds the tally store to each read-write transaction over those tables, reads the rows a put replaces or a delete
// removes, and applies the difference in the same transaction.
import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import { ACTIVITY_PREFIX, clearPrefixes, CONTACT_PREFIXES, TALLIES_TABLE, TallyDelta, writeDelta, writeDeltaOfAdd } from './tallies';

type Row = Record<string, unknown>;
const COUNTED = new Set(['contacts', 'activities']);

export function installTallies(db: Dexie): void {
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ficha-tallies',
    create(down) {
      if (!down.schema.tables.some((t) => t.name === TALLIES_TABLE)) return down;
      const wrapped = new Map<string, DBCoreTable>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const covers = mode === 'readwrite' && stores.some((s) => COUNTED.has(s)) && !stores.includes(TALLIES_TABLE);
          return down.transaction(covers ? [...stores, TALLIES_TABLE] : stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!COUNTED.has(name)) return table;
          let t = wrapped.get(name);
          if (!t) wrapped.set(name, (t = countedTable(table, name === 'contacts' ? 'contact' : 'activity')));
          return t;
        },
      };
    },
  };
  db.use(middleware);
}

function countedTable(table: DBCoreTable, kind: 'contact' | 'activity'): DBCoreTable {
  const { extractKey } = table.schema.primaryKey;
  const count = (delta: TallyDelta, row: Row, sign: 1 | -1) => (kind === 'contact' ? delta.contact(row, sign) : delta.activity(row, sign));
  return {
    ...table,
    // Adds stay in Dexie promises end to end: an extra native hop on this path lost Dexie's zone for the sync
    // tracker above, which writes the outbox after it.
    mutate: (req: DBCoreMutateRequest) => (req.type === 'add' ? addCounted(req) : mutateReading(req)),
  };

  function addCounted(req: DBCoreMutateRequest & { type: 'add' }): Promise<DBCoreMutateResponse> {
    const guess = new TallyDelta();
    for (const row of req.values) count(guess, row as Row, 1);
    const result = table.mutate(req);
    return writeDeltaOfAdd(req.trans, guess, result.then((res) => addedDelta(req.values, res))).then(() => result);
  }

  async function mutateReading(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    const { trans } = req;
    if (req.type === 'deleteRange' && req.range.type === 3) {
      const res = await table.mutate(req);
      await clearPrefixes(trans, kind === 'contact' ? CONTACT_PREFIXES : [ACTIVITY_PREFIX]);
      return res;
    }
    // The rows a put replaces or a delete removes, read before the write (an add replaces nothing).
    let before: (Row | undefined)[] = [];
    if (req.type === 'deleteRange') {
      before = (await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })).result as Row[];
    } else if (req.type === 'delete') {
      before = (await table.getMany({ trans, keys: req.keys })) as (Row | undefined)[];
    } else if (req.type === 'put') {
      const keys = req.keys ?? req.values.map((v) => extractKey?.(v));
      const known = keys.map((k, i) => [k, i] as const).filter(([k]) => k !== undefined && k !== null);
      before = new Array<Row | undefined>(keys.length);
      if (known.length) {
        const found = (await table.getMany({ trans, keys: known.map(([k]) => k) })) as (Row | undefined)[];
        known.forEach(([, i], j) => (before[i] = found[j]));
      }
    }
    const res = await table.mutate(req);
    const superseded = req.type === 'put' ? supersededIn(req.values, req.keys) : new Set<number>();
    const ok = (i: number) => !res.failures?.[i] && !superseded.has(i);
    const delta = new TallyDelta();
    before.forEach((row, i) => {
      if (row && (req.type === 'deleteRange' || ok(i))) count(delta, row, -1);
    });
    if (req.type === 'put') req.values.forEach((row, i) => ok(i) && count(delta, row as Row, 1));
    await writeDelta(trans, delta);
    return res;
  }

  /** What an add counts: the rows it added (a key added twice in one request fails the second time). */
  function addedDelta(values: readonly unknown[], res: DBCoreMutateResponse): TallyDelta {
    const delta = new TallyDelta();
    values.forEach((row, i) => !res.failures?.[i] && count(delta, row as Row, 1));
    return delta;
  }

  /** A key written twice in one request ends as its last value: only that occurrence counts. */
  function supersededIn(values: readonly unknown[], keys?: readonly unknown[]): Set<number> {
    const superseded = new Set<number>();
    const last = new Map<unknown, number>();
    values.forEach((v, i) => {
      const key = keys?.[i] ?? extractKey?.(v);
      if (key === undefined || key === null) return;
      const seen = last.get(key);
      if (seen !== undefined) superseded.add(seen);
      last.set(key, i);
    });
    return superseded;
  }
}
