import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, type Activity } from '@/lib/domain/activity';
import { relationalFigures } from '@/lib/domain/record';

const timelineArb: fc.Arbitrary<Activity[]> = fc
  .array(
    fc.record({
      type: fc.constantFrom(...ACTIVITY_TYPES),
      // Small times force ties; large ones spread events out.
      occurredAt: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2_000_000_000_000 })),
      data: fc.oneof(
        fc.constant({}),
        fc.record({ kind: fc.constantFrom('nps', 'csat', 'other'), score: fc.integer({ min: -1, max: 12 }) }),
      ),
    }),
    { maxLength: 40 },
  )
  .map((items) =>
    items.map((item, i) => ({
      ...item,
      id: `a${i}`,
      key: `k${i}`,
      targetType: 'contact' as const,
      targetId: 'c1',
      createdAt: item.occurredAt,
      createdBy: '',
      summary: '',
    })),
  );

describe('relationalFigures properties', () => {
  it('emails in + out equals the email activities; first ≤ last; reply within contact span', () => {
    fc.assert(
      fc.property(timelineArb, (timeline) => {
        const f = relationalFigures(timeline);
        const emails = timeline.filter((a) => a.type === 'email.received' || a.type === 'email.sent');
        expect(f.emailsIn + f.emailsOut).toBe(emails.length);
        expect(f.firstContactedAt === null).toBe(f.lastContactedAt === null);
        if (f.firstContactedAt !== null && f.lastContactedAt !== null) expect(f.firstContactedAt).toBeLessThanOrEqual(f.lastContactedAt);
        if (f.lastReplyAt !== null) {
          expect(f.lastReplyAt).toBeGreaterThanOrEqual(f.firstContactedAt ?? Infinity);
          expect(f.lastReplyAt).toBeLessThanOrEqual(f.lastContactedAt ?? -Infinity);
        }
        if (f.lastNps) expect(f.lastNps.score >= 0 && f.lastNps.score <= 10).toBe(true);
        if (f.lastCsat) expect(f.lastCsat.score >= 1 && f.lastCsat.score <= 5).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the timeline', () => {
    fc.assert(
      fc.property(timelineArb, (timeline) => {
        expect(relationalFigures([...timeline].reverse())).toEqual(relationalFigures(timeline));
      }),
    );
  });
});
