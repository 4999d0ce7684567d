import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

describe('stage changes and scoring through the background', () => {
  let bg: ReturnType<typeof startBackground>;
  let contactId: string;
  beforeEach(async () => {
    bg = startBackground();
    ({ contact: { id: contactId } } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana' } }));
  });

  it('moves forward freely and records the move in history and timeline together', async () => {
    const { contact, entry } = await send<'contacts.changeStage'>({ type: 'contacts.changeStage', contactId, to: 'opportunity', reason: 'Asked for a quote' });
    expect(contact.lifecycleStage).toBe('opportunity');
    expect(entry).toMatchObject({ from: 'lead', to: 'opportunity', backward: false, reason: 'Asked for a quote' });
    const history = await send<'contacts.stageHistory'>({ type: 'contacts.stageHistory', contactId });
    expect(history.map((h) => h.to)).toEqual(['opportunity']);
    const timeline = await send<'activities.list'>({ type: 'activities.list', contactId });
    expect(timeline.map((a) => [a.type, a.summary])).toEqual([['stage.changed', 'lead → opportunity']]);
  });

  it('refuses a backward move until it is confirmed, then records it as backward', async () => {
    await send({ type: 'contacts.changeStage', contactId, to: 'customer' });
    await expect(send({ type: 'contacts.changeStage', contactId, to: 'lead' })).rejects.toMatchObject({ code: 'needs_confirmation' });
    expect((await send<'contacts.get'>({ type: 'contacts.get', id: contactId })).lifecycleStage).toBe('customer');
    expect(await bg.db.stageHistory.count()).toBe(1);

    const { entry } = await send<'contacts.changeStage'>({ type: 'contacts.changeStage', contactId, to: 'lead', confirmedBackward: true, reason: 'Deal fell through' });
    expect(entry.backward).toBe(true);
    const history = await send<'contacts.stageHistory'>({ type: 'contacts.stageHistory', contactId });
    expect(history.map((h) => `${h.from}>${h.to}`)).toEqual(['customer>lead', 'lead>customer']);
  });

  it('rejects unknown stages and no-op moves, writing nothing', async () => {
    await expect(send({ type: 'contacts.changeStage', contactId, to: 'martian' })).rejects.toMatchObject({ code: 'rejected' });
    await expect(send({ type: 'contacts.changeStage', contactId, to: 'lead' })).rejects.toMatchObject({ code: 'rejected' });
    await expect(send({ type: 'contacts.changeStage', contactId: 'nobody', to: 'customer' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await bg.db.stageHistory.count()).toBe(0);
    expect(await bg.db.activities.count()).toBe(0);
  });

  it('rescores on each logged email, and the explanation adds up to the stored score', async () => {
    const before = await send<'contacts.get'>({ type: 'contacts.get', id: contactId });
    for (const [i, direction] of (['in', 'out', 'in'] as const).entries()) {
      await send({
        type: 'activities.logEmail',
        email: { contactId, messageId: `m${i}`, threadId: null, subject: 'Hi', direction, sentAt: Date.now() - i * 1000, participants: [] },
      });
    }
    const after = await send<'contacts.get'>({ type: 'contacts.get', id: contactId });
    expect(after.leadScore).toBeGreaterThan(before.leadScore);

    const score = await send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId });
    expect(score.total).toBe(after.leadScore);
    expect(score.grade).toBe(after.leadGrade);
    const sum = (dimension: string) => score.explanation.rules.filter((r) => r.dimension === dimension).reduce((t, r) => t + r.points, 0);
    expect(sum('fit')).toBe(score.fit);
    expect(sum('engagement')).toBe(score.engagement);
    expect(score.explanation.rules.some((r) => r.dimension === 'engagement' && (r.activityIds?.length ?? 0) > 0)).toBe(true);

    // Each rule that counted emails lists them, newest first, as the rep logged them.
    const counted = score.explanation.rules.filter((r) => r.activityIds?.length);
    for (const rule of counted) expect(score.events[rule.ruleId]?.map((e) => e.id).sort()).toEqual([...rule.activityIds!].sort());

    // Undoing the logs brings the score back down.
    for (const a of await send<'activities.list'>({ type: 'activities.list', contactId })) await send({ type: 'activities.remove', id: a.id });
    expect((await send<'contacts.get'>({ type: 'contacts.get', id: contactId })).leadScore).toBe(before.leadScore);
  });

  it('lists the newest five events a rule counted, newest first', async () => {
    const day = 86_400_000;
    const sentAt = (i: number) => Date.now() - (10 - i) * day;
    for (let i = 0; i < 8; i++) {
      await send({ type: 'activities.logEmail', email: { contactId, messageId: `r${i}`, threadId: null, subject: `Reply ${i}`, direction: 'in', sentAt: sentAt(i), participants: [] } });
    }
    const score = await send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId });
    const rule = score.explanation.rules.find((r) => (r.activityIds?.length ?? 0) === 8);
    expect(rule).toBeDefined();
    const events = score.events[rule!.ruleId]!;
    expect(events.map((e) => e.summary)).toEqual(['Reply 7', 'Reply 6', 'Reply 5', 'Reply 4', 'Reply 3']);
    expect(events.every((e) => e.type === 'email.received')).toBe(true);
    expect(Object.keys(events[0]!).sort()).toEqual(['id', 'occurredAt', 'summary', 'type']);
  });
});
