import Dexie, { type Table } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactDirectory, installContactPages } from '@/lib/storage/contact-pages/middleware';
import { CONTACT_PAGES, PAGE_SIZE } from '@/lib/storage/contact-pages/pages';
import { moveContactsToPages } from '@/lib/storage/contact-pages/migrate';

// The paged contacts table must answer every request exactly as the plain IndexedDB table it replaces: the same
// operations run on both, and every read is compared.
const SCHEMA = 'id, *emailKeys, *searchKeys, updatedAt, companyDomain, lifecycleStage';

interface Row {
  id: string;
  emailKeys: string[];
  searchKeys: string[];
  updatedAt: number;
  companyDomain?: string;
  lifecycleStage: string;
  n: number;
}

let n = 0;
/** `warm`: indexes kept with the ids (read at open); the others are read on first use. */
function paged(warm: string[] = []): Dexie & { contacts: Table<Row, string> } {
  const db = new Dexie(`pages-${++n}`) as Dexie & { contacts: Table<Row, string> };
  db.version(1).stores({ contacts: SCHEMA, contactPages: 'page', contactKeys: 'page', contactKeysCold: 'page' });
  installContactPages(db, { warmIndexes: warm });
  return db;
}
function plain(): Dexie & { contacts: Table<Row, string> } {
  const db = new Dexie(`plain-${++n}`) as Dexie & { contacts: Table<Row, string> };
  db.version(1).stores({ contacts: SCHEMA });
  return db;
}

const STAGES = ['lead', 'customer', 'other'];
const WORDS = ['ana', 'anabel', 'bob', 'acme', 'zeta', ''];
const row = (i: number, v: number): Row => ({
  id: `c${String(i).padStart(3, '0')}`,
  emailKeys: [`p${i}@x${i % 3}.com`, ...(v % 2 ? [`alt${v % 5}@y.com`] : [])],
  searchKeys: [WORDS[i % WORDS.length]!, WORDS[v % WORDS.length]!],
  updatedAt: (v * 7919) % 50,
  ...(i % 4 ? { companyDomain: `x${i % 3}.com` } : {}),
  lifecycleStage: STAGES[v % 3]!,
  n: v,
});

type Op =
  | { op: 'put'; ids: number[]; v: number }
  | { op: 'add'; ids: number[]; v: number }
  | { op: 'delete'; ids: number[] }
  | { op: 'update'; id: number; v: number }
  | { op: 'deleteBelow'; id: number }
  | { op: 'clear' }
  | { op: 'aborted'; ids: number[]; v: number };

// size 'max': fast-check otherwise keeps arrays near 10 items, and bulk writes (over 64 changed keys) merge differently.
const ids = (max: number) => fc.array(fc.integer({ min: 0, max: 199 }), { minLength: 1, maxLength: max, size: 'max' });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), ids: ids(150), v: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), ids: ids(10), v: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), ids: ids(80) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), id: fc.nat(199), v: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteBelow' as const), id: fc.nat(199) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('aborted' as const), ids: ids(30), v: fc.nat(20) }) },
);

async function run(db: Dexie & { contacts: Table<Row, string> }, op: Op): Promise<string> {
  const key = (i: number) => row(i, 0).id;
  try {
    switch (op.op) {
      case 'put':
        await db.contacts.bulkPut(op.ids.map((i) => row(i, op.v)));
        return 'ok';
      case 'add':
        await db.contacts.bulkAdd(op.ids.map((i) => row(i, op.v)));
        return 'ok';
      case 'delete':
        await db.contacts.bulkDelete(op.ids.map(key));
        return 'ok';
      case 'update':
        return String(await db.contacts.update(key(op.id), { n: op.v, lifecycleStage: STAGES[op.v % 3]! }));
      case 'deleteBelow':
        return String(await db.contacts.where(':id').below(key(op.id)).delete());
      case 'clear':
        await db.contacts.clear();
        return 'ok';
      case 'aborted':
        await db.transaction('rw', db.contacts, async () => {
          await db.contacts.bulkPut(op.ids.map((i) => row(i, op.v)));
          throw new Error('rolled back');
        });
        return 'ok';
    }
  } catch (error) {
    // bulkAdd reports which rows failed (taken keys), with the rest written.
    const failures = (error as { failures?: unknown[] }).failures;
    return `${(error as Error).name}:${failures?.length ?? ''}`;
  }
}

/** Every kind of read Ficha makes on contacts, as one comparable value. */
async function reads(db: Dexie & { contacts: Table<Row, string> }) {
  const t = db.contacts;
  return {
    all: await t.toArray(),
    count: await t.count(),
    get: await t.get('c007'),
    many: await t.bulkGet(['c001', 'c150', 'nope', 'c001']),
    byEmail: await t.where('emailKeys').equals('alt1@y.com').toArray(),
    firstByEmail: (await t.where('emailKeys').equals('p7@x1.com').first())?.id,
    anyOf: await t.where('emailKeys').anyOf(['p3@x0.com', 'alt3@y.com', 'p150@x0.com', 'none@z.com']).toArray(),
    domainKeys: await t.where('companyDomain').anyOf(['x1.com', 'x2.com']).primaryKeys(),
    domainCount: await t.where('companyDomain').equals('x0.com').count(),
    prefix: await t.where('searchKeys').startsWith('ana').primaryKeys(),
    prefixFiltered: (await t.where('searchKeys').startsWith('a').filter((r) => r.n % 2 === 0).toArray()).map((r) => r.id),
    prefixCount: await t.where('searchKeys').startsWith('a').count(),
    recent: (await t.orderBy('updatedAt').reverse().limit(7).toArray()).map((r) => r.id),
    updatedRange: (await t.where('updatedAt').between(10, 30, true, false).toArray()).map((r) => r.id),
    updatedAbove: await t.where('updatedAt').above(40).primaryKeys(),
    stages: await t.orderBy('lifecycleStage').uniqueKeys(),
    stagesReverse: await t.orderBy('lifecycleStage').reverse().uniqueKeys(),
    stageKeys: await t.where('lifecycleStage').equals('customer').primaryKeys(),
    page: (await t.where(':id').above('c050').limit(10).toArray()).map((r) => r.id),
    firstPage: await t.orderBy(':id').limit(5).primaryKeys(),
    each: await (async () => {
      const seen: string[] = [];
      await t.where('lifecycleStage').equals('lead').each((r) => void seen.push(r.id));
      return seen;
    })(),
    reverseOffset: await t.orderBy(':id').reverse().offset(3).limit(4).primaryKeys(),
  };
}

describe('paged contacts', () => {
  it('answer every read as the plain table does, through any mix of writes (bulk, duplicates, ranges, clears, aborts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), fc.subarray(['emailKeys', 'searchKeys', 'updatedAt']), async (ops, warm) => {
        const [a, b] = [paged(warm), plain()];
        try {
          for (const op of ops) {
            expect(await run(a, op)).toEqual(await run(b, op));
            expect(await reads(a)).toEqual(await reads(b));
          }
          // A fresh copy of the indexes, loaded from the stored keys rows, answers the same.
          contactDirectory(a)!.invalidate();
          expect(await reads(a)).toEqual(await reads(b));
        } finally {
          a.close();
          b.close();
          await Promise.all([a.delete(), b.delete()]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('packs contacts PAGE_SIZE to a row, filling the last page before starting a new one', async () => {
    const db = paged();
    await db.contacts.bulkPut(Array.from({ length: PAGE_SIZE + 10 }, (_, i) => row(i, 1)));
    await db.contacts.put(row(500, 1));
    const pages = (await db.table(CONTACT_PAGES).toArray()) as { page: number; ids: string[] }[];
    expect(pages.map((p) => p.ids.length)).toEqual([PAGE_SIZE, 11]);
    // The real contacts store is not written.
    expect(await new Promise((resolve) => {
      const req = db.backendDB().transaction('contacts').objectStore('contacts').count();
      req.onsuccess = () => resolve(req.result);
    })).toBe(0);
    db.close();
  });

  it('moves the rows of a database written before pages into pages, with the same answers', async () => {
    const name = `pages-upgrade-${++n}`;
    const old = new Dexie(name) as Dexie & { contacts: Table<Row, string> };
    old.version(1).stores({ contacts: SCHEMA });
    const rows = Array.from({ length: 150 }, (_, i) => row(i, i % 7));
    await old.contacts.bulkPut(rows);
    const before = await reads(old);
    old.close();

    const db = new Dexie(name) as Dexie & { contacts: Table<Row, string> };
    db.version(1).stores({ contacts: SCHEMA });
    db.version(2).stores({ contactPages: 'page', contactKeys: 'page', contactKeysCold: 'page' }).upgrade(moveContactsToPages(['emailKeys']));
    installContactPages(db, { warmIndexes: ['emailKeys'] });
    expect(await reads(db)).toEqual(before);
    expect(await db.table(CONTACT_PAGES).count()).toBe(Math.ceil(150 / PAGE_SIZE));
    db.close();
  });

  it('drops its copy of the indexes when a write is rolled back, so no reader sees the rolled-back rows', async () => {
    const db = paged();
    await db.contacts.bulkPut([row(1, 1), row(2, 1)]);
    await expect(
      db.transaction('rw', db.contacts, async () => {
        await db.contacts.delete('c001');
        await db.contacts.put(row(3, 1));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.contacts.count()).toBe(2);
    expect((await db.contacts.toArray()).map((r) => r.id)).toEqual(['c001', 'c002']);
    expect(await db.contacts.where('emailKeys').equals('p3@x0.com').count()).toBe(0);
    db.close();
  });

  it('loses nothing when writers and readers overlap (each writer plans on what the one before it wrote)', async () => {
    const db = paged();
    await db.contacts.bulkPut(Array.from({ length: PAGE_SIZE - 3 }, (_, i) => row(i, 1)));
    await db.contacts.toArray(); // every page cached
    // Started together: IndexedDB runs them one after another, but each plans before the other's write is heard.
    const writers = [0, 1, 2].map((w) => db.transaction('rw', db.contacts, () => db.contacts.bulkPut(Array.from({ length: 40 }, (_, i) => row(100 + w * 40 + i, w)))));
    const readers = [0, 1, 2].map(() => db.contacts.count());
    await Promise.all([...writers, ...readers]);
    expect(await db.contacts.count()).toBe(PAGE_SIZE - 3 + 120);
    contactDirectory(db)!.invalidate();
    const stored = (await db.table(CONTACT_PAGES).toArray()) as { ids: string[] }[];
    const ids = stored.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(PAGE_SIZE - 3 + 120);
    db.close();
  });

  it('never serves a rolled-back row from its page cache', async () => {
    const db = paged();
    await db.contacts.put(row(1, 1));
    expect((await db.contacts.get('c001'))?.n).toBe(1);
    await expect(
      db.transaction('rw', db.contacts, async () => {
        await db.contacts.put(row(1, 9));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await db.contacts.get('c001'))?.n).toBe(1);
    db.close();
  });

  it('hands out a fresh object on every read: a caller changing one changes nothing stored', async () => {
    const db = paged();
    await db.contacts.put(row(1, 1));
    const first = (await db.contacts.get('c001'))!;
    first.n = 42;
    first.emailKeys.push('changed@x.com');
    expect(await db.contacts.get('c001')).toEqual(row(1, 1));
    db.close();
  });

  it('answers through an index added later: the keys rows written before it are computed again from the pages', async () => {
    const name = `pages-new-index-${++n}`;
    const before = new Dexie(name) as Dexie & { contacts: Table<Row, string> };
    before.version(1).stores({ contacts: SCHEMA, contactPages: 'page', contactKeys: 'page', contactKeysCold: 'page' });
    installContactPages(before);
    await before.contacts.bulkPut(Array.from({ length: 100 }, (_, i) => row(i, i % 4)));
    before.close();

    const after = new Dexie(name) as Dexie & { contacts: Table<Row, string> };
    after.version(1).stores({ contacts: SCHEMA, contactPages: 'page', contactKeys: 'page', contactKeysCold: 'page' });
    after.version(2).stores({ contacts: `${SCHEMA}, n` });
    installContactPages(after);
    expect(await after.contacts.where('n').equals(3).count()).toBe(25);
    expect((await after.contacts.where('emailKeys').equals('p42@x0.com').first())?.id).toBe('c042');
    // A write then stores its page's keys for every index, the new one included.
    await after.contacts.put({ ...row(5, 3), n: 3 });
    contactDirectory(after)!.invalidate();
    expect(await after.contacts.where('n').equals(3).count()).toBe(26);
    after.close();
  });

  it('reads the pages of a walk as it gets there: a walk that stops early reads few pages', async () => {
    const db = paged();
    await db.contacts.bulkPut(Array.from({ length: 16 * PAGE_SIZE }, (_, i) => row(i, 1)));
    const dir = contactDirectory(db)!;
    dir.invalidate();
    const firstThree = await db.contacts.orderBy(':id').filter(() => true).limit(3).primaryKeys();
    expect(firstThree).toEqual(['c000', 'c001', 'c002']);
    // Written in id order, the first ids share the first page; the cursor's first window needs that page alone.
    expect(dir.cache.size).toBe(1);
    expect(await db.contacts.orderBy(':id').filter((r) => r.n === 1).count()).toBe(16 * PAGE_SIZE);
    expect(dir.cache.size).toBe(16);
    db.close();
  });

  // Found in review: each failed before its fix, and passes against a plain table.
  it('keeps a write that an overlapping later writer started from (no stale cached page)', async () => {
    const db = paged();
    await db.contacts.put(row(1, 0));
    const first = db.contacts.put({ ...row(1, 0), lifecycleStage: 'customer' });
    const second = db.contacts.update('c001', { n: 5 });
    await Promise.all([first, second]);
    expect(await db.contacts.get('c001')).toMatchObject({ lifecycleStage: 'customer', n: 5 });
    db.close();
  });

  it('never answers an index query with a row that no longer has the key', async () => {
    const db = paged();
    await db.contacts.put(row(1, 0));
    contactDirectory(db)!.cache.clear();
    const write = db.contacts.put({ ...row(1, 0), lifecycleStage: 'customer' });
    const leads = db.contacts.where('lifecycleStage').equals('lead').toArray();
    const customers = db.contacts.where('lifecycleStage').equals('customer').count();
    await write;
    expect(await leads).toEqual([]);
    expect(await customers).toBe(1);
    db.close();
  });

  it('forgets the keys of a page all of whose contacts were deleted', async () => {
    const db = paged();
    await db.contacts.bulkPut([row(1, 0), row(2, 0)]);
    // Every index's keys read (through another index), so the stage view below is built from them after the delete.
    expect(await db.contacts.where('updatedAt').aboveOrEqual(0).count()).toBe(2);
    await db.contacts.bulkDelete(['c001', 'c002']);
    expect(await db.contacts.where('lifecycleStage').equals('lead').primaryKeys()).toEqual([]);
    await db.contacts.put(row(1, 0));
    expect((await db.contacts.where('lifecycleStage').equals('lead').toArray()).map((r) => r.id)).toEqual(['c001']);
    db.close();
  });

  it('a clear in its own transaction waits for the writer before it', async () => {
    const db = paged();
    await db.contacts.bulkPut([row(1, 0), row(2, 0)]);
    let clearing: Promise<void> | undefined;
    await db.transaction('rw', db.contacts, async () => {
      await db.contacts.get('c001');
      clearing = Dexie.ignoreTransaction(() => db.contacts.clear());
      await db.contacts.put(row(3, 0));
    });
    await clearing;
    expect(await db.contacts.count()).toBe(0);
    expect(await db.contacts.orderBy(':id').primaryKeys()).toEqual([]);
    db.close();
  });

  it('takes several writes started at once in one transaction', async () => {
    const db = paged();
    await db.transaction('rw', db.contacts, () => Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => db.contacts.put(row(i, 0)))));
    expect(await db.contacts.count()).toBe(7);
    db.close();
  });
});
