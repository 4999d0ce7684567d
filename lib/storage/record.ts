// Writes that touch several tables at once (activity + score, stage + history + timeline): each is one transaction,
// so a failure leaves nothing half-done.
import type { Contact, NewContactInput } from '@/lib/domain/contact';
import { HUBSPOT_STAGE_SET, planStageChange, type StageHistoryEntry, stageHistoryEntry } from '@/lib/domain/lifecycle';
import type { ScoreResult } from '@/lib/domain/scoring';
import type { ActivityRepository, EmailToLog } from './activities';
import type { ContactRepository } from './contacts';
import type { FichaDb } from './db';
import { rescoreContact, scoreOf } from './scores';

export interface StageChangeRequest {
  contactId: string;
  to: string;
  reason: string;
  confirmedBackward: boolean;
}

export type StageChangeResult =
  | { ok: true; contact: Contact; entry: StageHistoryEntry }
  | { ok: false; reason: 'not_found' | 'unknown_stage' | 'needs_confirmation' | 'unchanged' };

interface Deps {
  contacts: ContactRepository;
  activities: ActivityRepository;
  now?: () => number;
  newId?: () => string;
  user?: string;
}

export function recordService(db: FichaDb, { contacts, activities, now = Date.now, newId = () => crypto.randomUUID(), user = '' }: Deps) {
  const writeScope = [db.contacts, db.activities, db.stageHistory];
  const reload = async (id: string) => (await contacts.get(id)) as Contact;

  return {
    createFromHeader(input: NewContactInput) {
      return db.transaction('rw', writeScope, async () => {
        const result = await contacts.createFromHeader(input);
        if (!result.created) return result;
        await rescoreContact(db, result.contact.id, now()); // fit counts from the first moment
        return { ...result, contact: await reload(result.contact.id) };
      });
    },

    logEmail(email: EmailToLog) {
      return db.transaction('rw', writeScope, async () => {
        const result = await activities.logEmail(email);
        if (result.created) await rescoreContact(db, email.contactId, now());
        return result;
      });
    },

    addNote(contactId: string, text: string) {
      return db.transaction('rw', writeScope, async () => {
        const result = await activities.addNote(contactId, text);
        await rescoreContact(db, contactId, now());
        return result;
      });
    },

    removeActivity(id: string) {
      return db.transaction('rw', writeScope, async () => {
        const activity = await db.activities.get(id);
        if (!activity) return false;
        await activities.remove(id);
        await rescoreContact(db, activity.targetId, now());
        return true;
      });
    },

    /** Forward-only unless confirmed; the move, its history entry and its timeline event land together. */
    changeStage(request: StageChangeRequest): Promise<StageChangeResult> {
      return db.transaction('rw', writeScope, async (): Promise<StageChangeResult> => {
        const contact = await contacts.get(request.contactId);
        if (!contact) return { ok: false, reason: 'not_found' };
        const from = contact.lifecycleStage;
        const plan = planStageChange(HUBSPOT_STAGE_SET, from, request.to, { confirmedBackward: request.confirmedBackward });
        if (!plan.ok) return plan;
        const at = now();
        const entry = stageHistoryEntry({ id: newId(), contactId: contact.id, from, to: request.to, at, by: user, reason: request.reason, direction: plan.direction });
        await db.contacts.update(contact.id, { lifecycleStage: request.to, updatedAt: at });
        await db.stageHistory.add(entry);
        await db.activities.add({
          id: newId(),
          key: `stage:${entry.id}`,
          type: 'stage.changed',
          targetType: 'contact',
          targetId: contact.id,
          occurredAt: at,
          createdAt: at,
          createdBy: user,
          summary: `${from} → ${request.to}${entry.backward ? ' (back)' : ''}`,
          data: { from, to: request.to, backward: entry.backward, reason: request.reason },
        });
        await rescoreContact(db, contact.id, at);
        return { ok: true, contact: await reload(contact.id), entry };
      });
    },

    stageHistory(contactId: string): Promise<StageHistoryEntry[]> {
      return db.stageHistory.where('[contactId+at]').between([contactId, -Infinity], [contactId, Infinity]).reverse().toArray();
    },

    async explainScore(contactId: string): Promise<ScoreResult | null> {
      const contact = await contacts.get(contactId);
      return contact ? scoreOf(db, contact, now()) : null;
    },
  };
}

export type RecordService = ReturnType<typeof recordService>;
