import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { buildKeyTable, contactSearchIndex, prefixRange, searchKeyTable } from '@/lib/storage/search-index';
import { rescoreContact } from '@/lib/storage/scores';

describe('key table', () => {
  const table = buildKeyTable([
    { id: 'a', searchKeys: ['ana', 'perez', 'ana.perez@acme.com', 'ana.perez', 'acme'] },
    { id: 'b', searchKeys: ['anabel', 'ruiz', 'anabel@beta.es', 'beta'] },
    { id: 'c', searchKeys: ['carlos', 'perez', 'carlos@acme.com', 'acme'] },
  ]);

  it('finds the contiguous run of keys with a prefix', () => {
    const [from, to] = prefixRange(table.keys, 'ana');
    expect(table.keys.slice(from, to)).toEqual(['ana', 'ana.perez', 'ana.perez@acme.com', 'anabel', 'anabel@beta.es']);
    expect(prefixRange(table.keys, 'zz')).toEqual([table.keys.length, table.keys.length]);
  });

  it('lists each contact once, requires every word, and honours the limit', () => {
    expect(searchKeyTable(table, ['ana'], 10)).toEqual(['a', 'b']);
    expect(searchKeyTable(table, ['perez', 'acme'], 10).sort()).toEqual(['a', 'c']);
    expect(searchKeyTable(table, ['ana', 'ruiz'], 10)).toEqual(['b']);
    expect(searchKeyTable(table, ['ana', 'nobody'], 10)).toEqual([]);
    expect(searchKeyTable(table, ['a'], 1)).toHaveLength(1);
    expect(searchKeyTable(table, ['ana'], 10, (ordinal) => ordinal === 0)).toEqual(['b']);
  });
});

describe('contact search index', () => {
  let db: FichaDb;
  let index: ReturnType<typeof contactSearchIndex>;
  let repo: ReturnType<typeof contactRepository>;
  let n = 0;
  const person = (email: string, name: string) => contactFromHeader({ email, displayName: name }, { id: `c${++n}`, now: 1_700_000_000_000 + n });
  const ids = async (query: string) => (await index.search(query, 50)).map((c) => c.id).sort();

  beforeEach(async () => {
    db = new FichaDb(`search-index-${n++}`);
    repo = contactRepository(db);
    index = contactSearchIndex(db, repo);
    await repo.putMany([person('ana.perez@clientco.com', 'Ána Pérez'), person('carlos@other.org', 'Carlos Díaz')]);
  });
  afterEach(() => {
    index.dispose();
    db.close();
  });

  it('answers like the IndexedDB scan (accents, case, name, company and address prefixes) without it once built', async () => {
    const queries = ['ana', 'PÉR', 'clientco', 'diaz car', 'carlos@oth', 'zzz', 'o'];
    const expected = await Promise.all(queries.map(async (q) => (await repo.search(q, 50)).map((c) => c.id).sort()));
    await index.ready();
    const scan = vi.spyOn(repo, 'search');
    const probes = index.stats.probes;
    for (const [i, q] of queries.entries()) expect(await ids(q), q).toEqual(expected[i]);
    expect(scan).not.toHaveBeenCalled();
    expect(index.stats.probes).toBe(probes);
    expect(index.stats.fromBuckets).toBe(1);
    expect(expected[0]).toHaveLength(1);
  });

  it('follows single writes: a new contact, a renamed one and a deleted one', async () => {
    await index.ready();
    const [ana] = await repo.search('ana', 1);
    await repo.putMany([person('beatriz@zeta.io', 'Beatriz Núñez')]);
    await repo.putMany([{ ...ana!, firstName: 'Anabel', lastName: 'Sanz' }]);
    await db.contacts.delete((await repo.search('carlos', 1))[0]!.id);
    const scan = vi.spyOn(repo, 'search');
    expect(await ids('nunez')).toHaveLength(1);
    expect(await ids('perez')).toEqual([]);
    expect(await ids('anabel sanz')).toEqual([ana!.id]);
    await repo.putMany([{ ...ana!, firstName: 'Anabela', lastName: 'Sanz', title: 'CFO' }]);
    expect((await index.search('anabel', 5)).map((c) => [c.firstName, c.title])).toEqual([['Anabela', 'CFO']]);
    expect(await ids('carlos')).toEqual([]);
    expect(scan).not.toHaveBeenCalled();
  });

  it('a contact kept decoded shows its new score after a rescore (scores change without a contact write)', async () => {
    await index.ready();
    const [ana] = await index.search('ana', 1);
    expect(ana!.leadScore).toBe(0);
    const now = Date.now();
    await db.transaction('rw', db.contacts, db.activities, db.companies, async () => {
      await db.activities.add({ id: 'm1', key: 'm1', type: 'email.sent', targetType: 'contact', targetId: ana!.id, occurredAt: now, createdAt: now, createdBy: '', summary: '', data: {} });
      await rescoreContact(db, ana!.id, now);
    });
    const stored = (await db.contacts.get(ana!.id))!;
    expect(stored.leadScore).toBeGreaterThan(0);
    expect((await index.search('ana', 1)).map((c) => [c.leadScore, c.leadGrade])).toEqual([[stored.leadScore, stored.leadGrade]]);
  });

  it('after a bulk write answers from IndexedDB until the table is rebuilt, then from the table again', async () => {
    await index.ready();
    await repo.putMany(Array.from({ length: 120 }, (_, i) => person(`bulk${i}@mass.example`, `Bulk${i} Person`)));
    const probes = index.stats.probes;
    expect(await ids('bulk11')).toHaveLength(11); // bulk11, bulk110…bulk119
    expect(index.stats.probes).toBe(probes + 1);
    await index.ready();
    expect(await ids('mass bulk11')).toHaveLength(11);
    expect(index.stats.probes).toBe(probes + 1);
  });

  it('an empty query lists recent contacts', async () => {
    expect((await index.search('', 10)).map((c) => c.firstName)).toEqual(['Carlos', 'Ána']);
  });
});
