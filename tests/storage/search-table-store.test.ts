// The search table kept between worker starts: a new worker loads it instead of building, and still answers what
// the contacts hold now (written since the save, or during the build that was saved).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Contact, contactFromHeader } from '@/lib/domain/contact';
import { queryWords } from '@/lib/domain/search';
import { contactRepository, toStored } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { buildKeyTable, contactSearchIndex, searchKeyTable } from '@/lib/storage/search-index';
import { DIRTY_PREFIX, TABLE_FORMAT, TABLE_KEY } from '@/lib/storage/search-table-store';

const COUNT = 300;
const contact = (i: number, name = `Person${i} Surname${i % 37}`): Contact =>
  contactFromHeader({ email: `person${i}@company${i % 20}.example`, displayName: name }, { id: `c-${String(i).padStart(4, '0')}`, now: 1_700_000_000_000 + i });
const QUERIES = ['p', 'person1', 'person 7', 'surname3', 'company4', 'zz', 'renamed', 'newcomer', 'person5 surname'];

describe('stored search table', () => {
  let db: FichaDb;
  let n = 0;
  const ids = (found: Contact[]) => found.map((c) => c.id);
  /** What a table built now from every stored contact answers. */
  const fresh = async (query: string) => searchKeyTable(buildKeyTable((await db.contacts.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1))), queryWords(query), 20);
  /** A worker's index: built (or loaded), its copy stored. */
  const started = async () => {
    const index = contactSearchIndex(db, contactRepository(db));
    await index.ready();
    await index.saved();
    return index;
  };

  beforeEach(async () => {
    db = new FichaDb(`search-table-${n++}`);
    await contactRepository(db).putMany(Array.from({ length: COUNT }, (_, i) => contact(i)));
  });
  afterEach(() => db.close());

  it('is saved after a build and loaded, not rebuilt, by the next worker, with the same answers', async () => {
    const first = await started();
    expect(first.stats).toMatchObject({ builds: 1, saves: 1, loads: 0 });
    const before = await Promise.all(QUERIES.map(async (q) => ids(await first.search(q, 20))));
    first.dispose();
    const second = await started();
    expect(second.stats).toMatchObject({ builds: 0, loads: 1 });
    for (const [i, q] of QUERIES.entries()) expect(ids(await second.search(q, 20)), q).toEqual(before[i]);
    second.dispose();
  });

  it('answers contacts renamed, added and deleted after it was saved (their marks re-read on load)', async () => {
    (await started()).dispose();
    await db.contacts.put(toStored(contact(5, 'Renamed Person')));
    await db.contacts.put(toStored(contact(COUNT + 1, 'Newcomer Person')));
    await db.contacts.delete('c-0007');
    expect(await db.searchTable.where('key').startsWith(DIRTY_PREFIX).count()).toBe(3);
    const index = await started();
    expect(index.stats).toMatchObject({ builds: 0, loads: 1 });
    for (const q of QUERIES) expect(ids(await index.search(q, 20)).sort(), q).toEqual((await fresh(q)).sort());
    expect(ids(await index.search('renamed', 20))).toEqual(['c-0005']);
    expect(ids(await index.search('person7', 20))).not.toContain('c-0007');
    index.dispose();
  });

  it('is rebuilt instead of loaded when more than 200 contacts were marked since, and the rebuild clears their marks', async () => {
    (await started()).dispose();
    for (let i = 0; i < 201; i++) await db.contacts.put(toStored(contact(i, `Edited${i} Person`)));
    const index = await started();
    expect(index.stats).toMatchObject({ loads: 0, builds: 1, saves: 1 });
    expect(await db.searchTable.where('key').startsWith(DIRTY_PREFIX).count()).toBe(0);
    expect(ids(await index.search('edited20', 20))).toEqual(await fresh('edited20'));
    index.dispose();
  });

  it('is dropped by a bulk write, so the next worker builds again', async () => {
    (await started()).dispose();
    await contactRepository(db).putMany(Array.from({ length: 250 }, (_, i) => contact(i, `Bulk${i} Person`)));
    expect(await db.searchTable.get(TABLE_KEY)).toBeUndefined();
    expect(await db.searchTable.where('key').startsWith(DIRTY_PREFIX).count()).toBe(0);
    const index = await started();
    expect(index.stats).toMatchObject({ builds: 1, loads: 0, saves: 1 });
    expect(ids(await index.search('bulk12', 20))).toEqual(await fresh('bulk12'));
    index.dispose();
  });

  it('keeps the mark of a contact rewritten while the saved table was being built', async () => {
    (await started()).dispose();
    await db.contacts.put(toStored(contact(5, 'Renamed Once')));
    // A build that waits at its first pause: the contact changes again meanwhile, after the build read the marks.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await db.searchTable.delete(TABLE_KEY); // so this worker builds instead of loading
    const building = contactSearchIndex(db, contactRepository(db), { pause: () => held });
    const ready = building.ready();
    await building.search('p', 5); // starts the build
    await new Promise((r) => setTimeout(r, 20));
    await db.contacts.put(toStored(contact(5, 'Renamed Twice')));
    release();
    await ready;
    await building.saved();
    expect(building.stats.saves).toBe(1);
    building.dispose();
    const next = await started();
    expect(next.stats.loads).toBe(1);
    expect(ids(await next.search('twice', 20))).toEqual(['c-0005']);
    expect(ids(await next.search('once', 20))).toEqual([]);
    next.dispose();
  });

  it('is not saved by a build that a bulk write overlapped, so the next worker does not load a stale table', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const building = contactSearchIndex(db, contactRepository(db), { pause: () => held });
    const ready = building.ready();
    await building.search('p', 5); // starts the build, which waits after reading the contacts
    await new Promise((r) => setTimeout(r, 20));
    // Committed after the build finished, before its save ran.
    const bulk = contactRepository(db).putMany(Array.from({ length: 250 }, (_, i) => contact(COUNT + 10 + i, `Bulkname${i} Person`)));
    release();
    await ready;
    await building.saved();
    await bulk;
    building.dispose();
    const next = await started();
    expect(next.stats.loads).toBe(0);
    expect(ids(await next.search('bulkname1', 20))).toEqual(await fresh('bulkname1'));
    expect(ids(await next.search('bulkname1', 20)).length).toBeGreaterThan(0);
    next.dispose();
  });

  it('is rebuilt when stored in another format or damaged', async () => {
    (await started()).dispose();
    const row = (await db.searchTable.get(TABLE_KEY))!;
    await db.searchTable.put({ ...row, format: TABLE_FORMAT + 1 } as typeof row);
    const other = await started();
    expect(other.stats).toMatchObject({ builds: 1, loads: 0, saves: 1 });
    other.dispose();
    const saved = (await db.searchTable.get(TABLE_KEY)) as { ids: string };
    await db.searchTable.put({ ...saved, ids: saved.ids.slice(0, 40) } as never);
    const damaged = await started();
    expect(damaged.stats).toMatchObject({ builds: 1, loads: 0 });
    for (const q of QUERIES) expect(ids(await damaged.search(q, 20)).sort(), q).toEqual((await fresh(q)).sort());
    damaged.dispose();
  });
});
