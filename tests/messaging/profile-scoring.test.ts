import { describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

describe('profile facts feed the score', () => {
  it('a company size set on the company raises the fit of every contact of that domain', async () => {
    const bg = startBackground();
    const a = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'a@midsize.com' } });
    const b = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'b@midsize.com' } });
    const before = a.contact.leadScore;
    await send({ type: 'companies.update', domain: 'midsize.com', patch: { sizeBand: '51-200' } });
    const [afterA, afterB] = await bg.db.contacts.bulkGet([a.contact.id, b.contact.id]);
    expect(afterA?.leadScore).toBeGreaterThan(before);
    expect(afterB?.leadScore).toBe(afterA?.leadScore);
    const explained = await send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId: a.contact.id });
    expect(explained.explanation.rules.map((r) => r.ruleId)).toContain('fit.company.mid-market');
    // A move of 10 points or more is a timeline event; small moves are not.
    const timeline = await send<'activities.list'>({ type: 'activities.list', contactId: a.contact.id });
    expect(timeline.filter((e) => e.type === 'score.changed').map((e) => e.summary)).toEqual([`${before} → ${afterA?.leadScore} (${afterA?.leadGrade})`]);
  });
});
