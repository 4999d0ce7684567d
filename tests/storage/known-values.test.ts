// The tags and industries a scoring rule is offered: those the records use, most used first, spelled as most
// records spell them, blanks left out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { knownIndustries, knownTags } from '@/lib/storage/known-values';

describe('known values for scoring rules', () => {
  let db: FichaDb;
  let n = 0;
  beforeEach(() => {
    db = new FichaDb(`known-values-${n++}`);
  });
  afterEach(() => db.close());

  it('lists industries by how many companies have them, one spelling each, no blanks', async () => {
    await db.companies.bulkPut([
      { domain: 'a.example', name: 'A', industry: 'Retail' },
      { domain: 'b.example', name: 'B', industry: 'Software' },
      { domain: 'c.example', name: 'C', industry: 'software' },
      { domain: 'd.example', name: 'D', industry: 'Software ' },
      { domain: 'e.example', name: 'E', industry: '  ' },
      { domain: 'f.example', name: 'F', industry: 'Banca' },
      { domain: 'g.example', name: 'G', industry: 'Banca' },
    ]);
    expect(await knownIndustries(db)).toEqual(['Software', 'Banca', 'Retail']);
    expect(await knownIndustries(db, 1)).toEqual(['Software']);
  });

  it('lists the tags the contacts carry, most used first, from the counters', async () => {
    const contacts = contactRepository(db);
    const tagged = [['vip', 'partner'], ['vip'], ['webinar', 'vip'], ['partner']];
    await contacts.putMany(tagged.map((tags, i) => ({ ...contactFromHeader({ email: `p${i}@x${i}.example`, displayName: `P ${i}` }, { id: `c${i}`, now: 1 }), tags })));
    expect(await knownTags(db)).toEqual(['vip', 'partner', 'webinar']);
  });
});
