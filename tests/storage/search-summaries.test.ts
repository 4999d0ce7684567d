// Search results as list lines from memory: the same lines the contact rows give, for unchanged, changed and
// several-address contacts, without reading the rows memory can vouch for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Contact, contactFromHeader } from '@/lib/domain/contact';
import { summaryOf } from '@/lib/domain/contact-summary';
import { contactRepository, toStored } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { contactSearchIndex } from '@/lib/storage/search-index';

const STAGES = ['lead', 'customer', 'opportunity'];
const COUNT = 200;
function contact(i: number): Contact {
  const c = contactFromHeader({ email: `person${i}@company${i % 10}.example`, displayName: `Person${i} Surname${i % 17}` }, { id: `c-${String(i).padStart(4, '0')}`, now: 1_700_000_000_000 + i });
  return { ...c, title: i % 3 ? 'Buyer' : 'CTO', company: `Company ${i % 10}`, lifecycleStage: STAGES[i % 3]! };
}
const QUERIES = ['p', 'person1', 'person 7', 'surname3', 'cto', 'company', 'buyer person', 'zz', 'second'];

describe('search summaries', () => {
  let db: FichaDb;
  let n = 0;
  const expected = async (index: ReturnType<typeof contactSearchIndex>, q: string) => (await index.search(q, 20)).map(summaryOf);

  beforeEach(async () => {
    db = new FichaDb(`search-summaries-${n++}`);
    const all = Array.from({ length: COUNT }, (_, i) => contact(i));
    // Two addresses, the primary one second: the fit cannot tell which is primary, so its row is read.
    all[42] = { ...all[42]!, emails: [{ address: 'second42@other.example', primary: false }, { address: 'person42@company2.example', primary: true }] };
    await contactRepository(db).putMany(all);
  });
  afterEach(() => db.close());

  it('gives the lines the contact rows give, reading no row for single-address unchanged contacts', async () => {
    const index = contactSearchIndex(db, contactRepository(db));
    await index.ready();
    const bulkGet = vi.spyOn(db.contacts, 'bulkGet');
    const found = await index.find('person1', 20);
    expect(found.length).toBeGreaterThan(5);
    expect(bulkGet).not.toHaveBeenCalled();
    bulkGet.mockRestore();
    for (const q of QUERIES) expect(await index.find(q, 20), q).toEqual(await expected(index, q));
    expect(index.stats.fromMemory).toBeGreaterThan(0);
    const [line] = await index.find('person42', 1);
    expect(line).toMatchObject({ id: 'c-0042', email: 'person42@company2.example', lifecycleStage: 'lead', title: 'CTO' });
    index.dispose();
  });

  it('shows a contact changed after the table was built as it is now (stage, name, deleted)', async () => {
    const index = contactSearchIndex(db, contactRepository(db));
    await index.ready();
    await db.contacts.put(toStored({ ...contact(5), firstName: 'Renamed', lifecycleStage: 'customer' }));
    await db.contacts.delete('c-0011');
    expect((await index.find('renamed', 5)).map((l) => [l.id, l.lifecycleStage])).toEqual([['c-0005', 'customer']]);
    expect((await index.find('person11', 20)).map((l) => l.id)).not.toContain('c-0011');
    for (const q of QUERIES) expect(await index.find(q, 20), q).toEqual(await expected(index, q));
    index.dispose();
  });

  it('gives the same lines from a stored table loaded by the next worker', async () => {
    const first = contactSearchIndex(db, contactRepository(db));
    await first.ready();
    await first.saved();
    first.dispose();
    // A new worker: the score buckets are loaded as stored rows, decoded only when a write or a scorer needs them.
    db.close();
    db = new FichaDb(db.name);
    const next = contactSearchIndex(db, contactRepository(db));
    await next.ready();
    expect(next.stats.loads).toBe(1);
    for (const q of QUERIES) expect(await next.find(q, 20), q).toEqual(await expected(next, q));
    next.dispose();
  });
});
