import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { toStored } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { writeScores } from '@/lib/storage/rescore';

describe('full rescore writes', () => {
  it('keeps a score that changed between the chunk read and its write (a log rescored it meanwhile)', async () => {
    const db = new FichaDb('rescore-race');
    const make = (id: string, leadScore: number) => toStored({ ...contactFromHeader({ email: `${id}@acme.com` }, { id, now: 1 }), leadScore });
    await db.contacts.bulkPut([make('a', 10), make('b', 10)]);
    // The chunk read both at 10 and computed 40; meanwhile a log rescored "b" to 55.
    await db.contacts.update('b', { leadScore: 55, leadGrade: 'B1' });
    await writeScores(db, new Map([
      ['a', { before: [10, 'C3'], after: [40, 'B2'] }],
      ['b', { before: [10, 'C3'], after: [40, 'B2'] }],
    ]));
    expect((await db.contacts.get('a'))).toMatchObject({ leadScore: 40, leadGrade: 'B2' });
    expect((await db.contacts.get('b'))).toMatchObject({ leadScore: 55, leadGrade: 'B1' });
    // Index keys survive the write (the card is still found by address).
    expect((await db.contacts.where('emailKeys').equals('a@acme.com').first())?.id).toBe('a');
  });
});
