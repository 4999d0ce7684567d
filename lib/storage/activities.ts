// Activity repository: the timeline's one table, written idempotently by natural key.
import { type Activity, ActivitySchema } from '@/lib/domain/activity';
import type { FichaDb } from './db';

export interface EmailToLog {
  contactId: string;
  messageId: string;
  threadId: string | null;
  subject: string;
  direction: 'in' | 'out';
  sentAt: number | null;
  participants: string[];
  /** Already sanitised and capped; absent unless body storage is on. */
  body?: string;
}

/** One message logged to one contact is one activity, however often or from wherever it is logged. */
export const emailActivityKey = (contactId: string, messageId: string) => `email:${messageId}:${contactId}`;

/** The activity row of a logged email (not validated: the writer parses it with ActivitySchema). */
export function emailActivity(email: EmailToLog, at: { id: string; now: number; user: string }): Activity {
  return {
    id: at.id,
    key: emailActivityKey(email.contactId, email.messageId),
    type: email.direction === 'out' ? 'email.sent' : 'email.received',
    targetType: 'contact',
    targetId: email.contactId,
    occurredAt: email.sentAt ?? at.now,
    createdAt: at.now,
    createdBy: at.user,
    summary: email.subject.slice(0, 500),
    // The body is stored only when the rep turned that on: subject, ids and addresses find the mail again.
    data: { messageId: email.messageId, threadId: email.threadId, participants: email.participants.slice(0, 50), ...(email.body ? { body: email.body } : {}) },
  };
}

export function activityRepository(db: FichaDb, deps: { newId?: () => string; now?: () => number; user?: string } = {}) {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const now = deps.now ?? Date.now;

  async function addOnce(activity: Activity): Promise<{ activity: Activity; created: boolean }> {
    const valid = ActivitySchema.parse(activity);
    return db.transaction('rw', db.activities, async () => {
      const existing = await db.activities.where('key').equals(valid.key).first();
      if (existing) return { activity: existing, created: false };
      await db.activities.add(valid);
      return { activity: valid, created: true };
    });
  }

  return {
    logEmail(email: EmailToLog) {
      return addOnce(emailActivity(email, { id: newId(), now: now(), user: deps.user ?? '' }));
    },

    addNote(contactId: string, text: string) {
      const at = now();
      const id = newId();
      return addOnce({
        id,
        key: `note:${id}`,
        type: 'note.added',
        targetType: 'contact',
        targetId: contactId,
        occurredAt: at,
        createdAt: at,
        createdBy: deps.user ?? '',
        summary: text.slice(0, 500),
        data: {},
      });
    },

    findByKey(key: string): Promise<Activity | undefined> {
      return db.activities.where('key').equals(key).first();
    },

    /** Newest first. */
    listFor(contactId: string, limit: number): Promise<Activity[]> {
      return db.activities
        .where('[targetId+occurredAt]')
        .between([contactId, -Infinity], [contactId, Infinity])
        .reverse()
        .limit(limit)
        .toArray();
    },

    async remove(id: string): Promise<boolean> {
      const existing = await db.activities.get(id);
      if (!existing) return false;
      await db.activities.delete(id);
      return true;
    },
  };
}

export type ActivityRepository = ReturnType<typeof activityRepository>;
