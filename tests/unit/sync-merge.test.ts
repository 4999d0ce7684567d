// The conflict rule as algebra: any order, any duplication of the same mutations gives the same row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '@/lib/sync/hlc';
import { applyMutation, canonicalRow, emptyRow, isDeleted, type RowState } from '@/lib/sync/merge';
import type { Entity } from '@/lib/sync/wire';

type M = { op: 'put' | 'delete'; hlc: string; entity: Entity; fields?: Record<string, number> };

const mutation = (entity: Entity) =>
  fc
    .record({
      op: fc.constantFrom('put' as const, 'put' as const, 'delete' as const),
      wall: fc.integer({ min: 1, max: 50 }),
      counter: fc.integer({ min: 0, max: 3 }),
      clientId: fc.constantFrom('a', 'b', 'c'),
      fields: fc.dictionary(fc.constantFrom('name', 'title', 'phone'), fc.integer(), { maxKeys: 3 }),
    })
    .map((r): M => ({ op: r.op, entity, hlc: encodeHlc({ wall: r.wall, counter: r.counter, clientId: r.clientId }), ...(r.op === 'put' ? { fields: r.fields } : {}) }));

// Stamps are unique per mutation in real life (a client never reuses one): keep the first of each.
const uniqueStamps = (ms: M[]) => ms.filter((m, i) => ms.findIndex((n) => n.hlc === m.hlc) === i);
const fold = (ms: M[], from: RowState = emptyRow()) => ms.reduce(applyMutation, from);

describe.each(['contacts', 'activities'] as const)('merge (%s)', (entity) => {
  const list = fc.array(mutation(entity), { maxLength: 12 }).map(uniqueStamps);

  it('is order independent and idempotent', () => {
    fc.assert(
      fc.property(list, fc.array(fc.nat()), (ms, picks) => {
        const shuffled = [...ms];
        picks.forEach((p, i) => {
          const j = p % shuffled.length;
          const k = i % shuffled.length;
          [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!];
        });
        const withDuplicates = [...shuffled, ...ms.filter((_, i) => picks[i] !== undefined && picks[i]! % 2 === 0)];
        expect(canonicalRow(fold(withDuplicates))).toBe(canonicalRow(fold(ms)));
      }),
    );
  });

  it('is the same whether merged whole or in two halves (replica state then the rest)', () => {
    fc.assert(
      fc.property(list, fc.nat(), (ms, cut) => {
        const k = ms.length ? cut % ms.length : 0;
        expect(canonicalRow(fold(ms.slice(k), fold(ms.slice(0, k))))).toBe(canonicalRow(fold(ms)));
      }),
    );
  });
});

describe('merge rule examples', () => {
  const h = (wall: number, clientId: string) => encodeHlc({ wall, counter: 0, clientId });

  it('keeps the newer value per field, ties broken by clientId', () => {
    const row = fold([
      { op: 'put', entity: 'contacts', hlc: h(10, 'a'), fields: { name: 1, title: 1 } },
      { op: 'put', entity: 'contacts', hlc: h(12, 'b'), fields: { title: 2 } },
      { op: 'put', entity: 'contacts', hlc: h(12, 'a'), fields: { name: 3 } },
    ]);
    expect(row.fields).toEqual({ name: 3, title: 2 });
  });

  it('activities keep their first write', () => {
    const row = fold([
      { op: 'put', entity: 'activities', hlc: h(12, 'b'), fields: { summary: 2 } },
      { op: 'put', entity: 'activities', hlc: h(10, 'a'), fields: { summary: 1 } },
    ]);
    expect(row.fields).toEqual({ summary: 1 });
  });

  it('an activity delete is final', () => {
    const row = fold([
      { op: 'delete', entity: 'activities', hlc: h(11, 'b') },
      { op: 'put', entity: 'activities', hlc: h(12, 'a'), fields: { summary: 1 } },
    ]);
    expect(isDeleted(row, 'activities')).toBe(true);
    expect(row.fields).toEqual({});
  });

  it('a delete hides older fields; a later put resurrects with only its own fields', () => {
    const deleted = fold([
      { op: 'put', entity: 'contacts', hlc: h(10, 'a'), fields: { name: 1, title: 1 } },
      { op: 'delete', entity: 'contacts', hlc: h(11, 'b') },
      { op: 'put', entity: 'contacts', hlc: h(9, 'c'), fields: { phone: 1 } },
    ]);
    expect(isDeleted(deleted, 'contacts')).toBe(true);
    expect(deleted.fields).toEqual({});
    const back = applyMutation(deleted, { op: 'put', entity: 'contacts', hlc: h(13, 'a'), fields: { name: 5 } });
    expect(isDeleted(back, 'contacts')).toBe(false);
    expect(back.fields).toEqual({ name: 5 });
  });
});
