import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Contact, contactFromHeader } from '@/lib/domain/contact';
import { queryWords } from '@/lib/domain/search';
import { contactRepository, toStored } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { packFit } from '@/lib/storage/fit-facts';
import { buildKeyTable, contactSearchIndex, searchKeyTable } from '@/lib/storage/search-index';
import { PROBE_ENTRIES, probeSearch } from '@/lib/storage/search-probe';
import { FitKeys } from '@/lib/storage/search-table-source';

// Shaped like the bench's contacts, enough of them that broad words ("p", "person", "buyer") run past the probe's
// first read of PROBE_ENTRIES index entries while rarer ones ("surname12", "company7") end within it.
const COUNT = 700;
function contact(i: number): Contact {
  const c = contactFromHeader({ email: `person${i}@company${i % 50}.example`, displayName: `Person${i} Surname${i % 97}` }, { id: `c-${String(i).padStart(4, '0')}`, now: 1_700_000_000_000 + i });
  return { ...c, title: i % 3 ? 'Buyer' : 'CTO' };
}

const QUERIES = ['p', 'pe', 'person', 'person1', 'person12', 'person 7', 'person7 surname', 'surname12', 'surname1 person', 'surname1 company4', 'company4 surname1', 'buyer person', 'person buyer', 'buyer cto', 'cto surname9', 'company7', 'company7 buyer', 'c', 'zz', 'person1 zz', 'compania'];

describe('search probe (IndexedDB while the table builds)', () => {
  let db: FichaDb;
  let n = 0;
  const table = async () => buildKeyTable((await db.contacts.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1)));

  beforeEach(async () => {
    db = new FichaDb(`search-probe-${n++}`);
    await contactRepository(db).putMany(Array.from({ length: COUNT }, (_, i) => contact(i)));
  });
  afterEach(() => db.close());

  it('gives the key table’s answers, in its order, for broad, rare, missing and mixed words at any limit', async () => {
    expect((await db.contacts.where('searchKeys').startsWith('person').count()) > PROBE_ENTRIES).toBe(true);
    const keys = await table();
    for (const limit of [1, 5, 20, 1_000]) {
      for (const query of QUERIES) {
        const words = queryWords(query);
        const probed = await probeSearch(db, words, limit);
        expect(probed, `${query} (limit ${limit})`).toEqual(searchKeyTable(keys, words, limit));
      }
    }
  });

  it('does not walk a broad word’s run when a later word matches nothing', async () => {
    const where = vi.spyOn(db.contacts, 'where');
    const bulkGet = vi.spyOn(db.contacts, 'bulkGet');
    expect(await probeSearch(db, queryWords('person 7'), 20)).toEqual([]);
    expect(where).toHaveBeenCalledTimes(2); // one bounded read per word, no scan, no count
    expect(bulkGet).not.toHaveBeenCalled();
  });
});

describe('search index built from the score buckets', () => {
  let db: FichaDb;
  let n = 0;

  beforeEach(async () => {
    db = new FichaDb(`search-buckets-${n++}`);
    await contactRepository(db).putMany(Array.from({ length: COUNT }, (_, i) => contact(i)));
  });
  afterEach(() => db.close());

  it('derives the same keys from a packed fit as the stored contact has', () => {
    const fitKeys = new FitKeys();
    const tricky: Contact[] = [
      { ...contactFromHeader({ email: 'ana.perez@clientco.com', displayName: 'Ána Pérez' }, { id: 'a', now: 1 }), title: 'Director, Compras (LATAM)', company: 'Acme S.A.' },
      { ...contactFromHeader({ email: 'o.brien@example.ie', displayName: "Seán O'Brien-Smith" }, { id: 'b', now: 1 }), emails: [{ address: 'o.brien@example.ie' }, { address: 'sean@müller.de' }] as Contact['emails'] },
      { ...contactFromHeader({ email: 'nandu@example.org', displayName: '' }, { id: 'c', now: 1 }), firstName: '  Ñandú  ', lastName: '"Quoted"', company: '' },
    ];
    for (const c of [...tricky, contact(1), contact(42)]) {
      expect(new Set(fitKeys.keys(packFit(c))), c.id).toEqual(new Set(toStored(c).searchKeys));
    }
  });

  it('answers during the build equal the answers after it, the table built without reading contact rows', async () => {
    // The build waits at its first pause until every query was answered.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const index = contactSearchIndex(db, contactRepository(db), { pause: () => held });
    const during: string[][] = [];
    for (const query of QUERIES) during.push((await index.search(query, 20)).map((c) => c.id));
    expect(index.stats.probes).toBe(QUERIES.length);
    expect(index.stats.builds).toBe(0);
    // One more letter mostly lists the same people: they are served decoded, only the index keys are read.
    const bulkGet = vi.spyOn(db.contacts, 'bulkGet');
    expect((await index.search('person1', 20)).map((c) => c.id)).toEqual(during[QUERIES.indexOf('person1')]);
    expect(bulkGet).not.toHaveBeenCalled();
    bulkGet.mockRestore();
    release();
    await index.ready();
    expect(index.stats.fromBuckets).toBe(1);
    const toArray = vi.spyOn(db.contacts, 'toArray');
    for (const [i, query] of QUERIES.entries()) expect((await index.search(query, 20)).map((c) => c.id), query).toEqual(during[i]);
    expect(index.stats.probes).toBe(QUERIES.length + 1);
    expect(toArray).not.toHaveBeenCalled();
    index.dispose();
  });

  it('reads the contact rows instead when the buckets do not list every stored contact', async () => {
    const index = contactSearchIndex(db, contactRepository(db));
    vi.spyOn(db.contacts, 'count').mockResolvedValue(COUNT + 1);
    await index.ready();
    expect(index.stats.fromBuckets).toBe(0);
    expect(index.stats.builds).toBe(1);
    const keys = buildKeyTable((await db.contacts.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1)));
    for (const query of QUERIES) expect((await index.search(query, 20)).map((c) => c.id), query).toEqual(searchKeyTable(keys, queryWords(query), 20));
    index.dispose();
  });
});
