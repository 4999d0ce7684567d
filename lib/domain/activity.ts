// The timeline is built from domain events: one shape, one table, each keyed so a replay is harmless.
import { z } from 'zod';

export const ACTIVITY_TYPES = [
  'email.received', // an inbound message seen/logged from the correspondent
  'email.sent', // an outbound message (reply) logged to the contact
  'stage.changed',
  'score.changed',
  'note.added',
  'cta.inserted',
  'meeting.logged',
  'deal.opened',
  'deal.won',
  'deal.lost',
  'survey.answered', // NPS / CSAT
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ActivitySchema = z.object({
  id: z.string().min(1).max(64),
  /** Natural key: the same real-world event logged twice (two tabs, a retry, sync) has the same key. */
  key: z.string().min(1).max(512),
  type: z.enum(ACTIVITY_TYPES),
  targetType: z.literal('contact'),
  targetId: z.string().min(1).max(64),
  occurredAt: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
  createdBy: z.string().max(254),
  /** Short human summary for the timeline (subject, note excerpt, "lead → customer"). Plain text. */
  summary: z.string().max(500),
  /** Type-specific details (message ids, stage from/to, template id, amounts); validated by the writer of each type. */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type Activity = z.infer<typeof ActivitySchema>;
