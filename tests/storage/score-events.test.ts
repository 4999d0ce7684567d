// The events an explanation lists under a rule: newest first, at most five, one not among the activities the score
// was computed from left out, and nothing of an activity's data but a stage move's from/to (an email's data may hold
// its body).
import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/domain/activity';
import type { ScoreResult } from '@/lib/domain/scoring';
import { EVENTS_PER_RULE, scoreEvents } from '@/lib/storage/score-events';

const activity = (id: string, type: Activity['type'], occurredAt: number, data: Activity['data'] = {}): Activity => ({
  id, key: `k:${id}`, type, targetType: 'contact', targetId: 'c1', occurredAt, createdAt: occurredAt, createdBy: '', summary: `summary ${id}`, data,
});

const resultWith = (rules: { ruleId: string; activityIds?: string[] }[]) =>
  ({ explanation: { rules: rules.map((r) => ({ ...r, label: r.ruleId, dimension: 'engagement', groupId: 'g', rawPoints: 1, points: 1 })) } }) as unknown as ScoreResult;

describe('score events', () => {
  it('lists the newest few per rule, newest first, and leaves out an id it was not given', () => {
    const emails = Array.from({ length: 8 }, (_, i) => activity(`e${i}`, 'email.received', 1_000 + i, { body: `secret body ${i}` }));
    const events = scoreEvents(resultWith([{ ruleId: 'mail', activityIds: emails.map((e) => e.id) }, { ruleId: 'fit-rule' }]), emails.slice(0, 7));
    expect(events.mail?.map((e) => e.id)).toEqual(['e6', 'e5', 'e4', 'e3', 'e2'].slice(0, EVENTS_PER_RULE));
    expect(events.mail?.every((e) => e.data === undefined)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('secret body');
    expect(events).not.toHaveProperty('fit-rule');
  });

  it('keeps only a stage move’s from, to and direction', () => {
    const move = activity('s1', 'stage.changed', 5, { from: 'lead', to: 'customer', backward: false, reason: 'private reason' });
    const events = scoreEvents(resultWith([{ ruleId: 'moves', activityIds: ['s1'] }]), [move]);
    expect(events.moves).toEqual([{ id: 's1', type: 'stage.changed', occurredAt: 5, summary: 'summary s1', data: { from: 'lead', to: 'customer', backward: false } }]);
  });
});
