// The events behind each engagement rule of a score explanation, so a rep sees which emails and meetings count
// instead of "12 events". Built only when the explanation is opened, from the activities the score was computed from
// (no second read); a long history shows its newest few.
import type { Activity } from '@/lib/domain/activity';
import type { ScoreEvent, ScoreResult } from '@/lib/domain/scoring';

/** Events listed per rule, newest first; the rule's count says how many there are in all. */
export const EVENTS_PER_RULE = 5;

const stageMove = ({ from, to, backward }: Activity['data']) => ({ from, to, backward });

/** For each rule that counted activities, its newest events among `activities` (those the score was computed from). */
export function scoreEvents(result: ScoreResult, activities: readonly Activity[]): Record<string, ScoreEvent[]> {
  const byId = new Map(activities.map((a) => [a.id, a]));
  const events: Record<string, ScoreEvent[]> = {};
  for (const rule of result.explanation.rules) {
    if (!rule.activityIds?.length) continue;
    events[rule.ruleId] = rule.activityIds
      .map((id) => byId.get(id))
      .filter((a): a is Activity => a !== undefined)
      .sort((a, b) => b.occurredAt - a.occurredAt)
      .slice(0, EVENTS_PER_RULE)
      .map(({ id, type, occurredAt, summary, data }) => (type === 'stage.changed' ? { id, type, occurredAt, summary, data: stageMove(data) } : { id, type, occurredAt, summary }));
  }
  return events;
}
