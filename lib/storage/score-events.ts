// The events behind each engagement rule of a score explanation, so a rep sees which emails and meetings count
// instead of "12 events". Read only when the explanation is opened; a long history shows its newest few.
import type { Activity } from '@/lib/domain/activity';
import type { ScoreEvent, ScoreResult } from '@/lib/domain/scoring';
import type { FichaDb } from './db';

/** Events listed per rule, newest first; the rule's count says how many there are in all. */
export const EVENTS_PER_RULE = 5;
/** Ids read per rule (the last counted): bounds the read for a contact with years of history. */
const READ_PER_RULE = 2000;

const stageMove = ({ from, to, backward }: Activity['data']) => ({ from, to, backward });

/** For each rule that counted activities, its newest events (an activity deleted since is left out). */
export async function scoreEvents(db: FichaDb, result: ScoreResult): Promise<Record<string, ScoreEvent[]>> {
  const events: Record<string, ScoreEvent[]> = {};
  for (const rule of result.explanation.rules) {
    if (!rule.activityIds?.length) continue;
    const rows = await db.activities.bulkGet(rule.activityIds.slice(-READ_PER_RULE));
    events[rule.ruleId] = rows
      .filter((a): a is Activity => a !== undefined)
      .sort((a, b) => b.occurredAt - a.occurredAt)
      .slice(0, EVENTS_PER_RULE)
      .map(({ id, type, occurredAt, summary, data }) => (type === 'stage.changed' ? { id, type, occurredAt, summary, data: stageMove(data) } : { id, type, occurredAt, summary }));
  }
  return events;
}
