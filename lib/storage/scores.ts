// Keeps a contact's stored score in step with its activities; called inside the transaction that changed them.
import type { Contact } from '@/lib/domain/contact';
import { compileModel, type ScoreResult, type Scorer } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import type { FichaDb } from './db';

// The model editor (options) is not built yet: every contact is scored with the default model.
let scorer: Scorer | null = null;
const defaultScorer = () => (scorer ??= compileModel(DEFAULT_SCORING_MODEL));

export async function scoreOf(db: FichaDb, contact: Contact, now: number): Promise<ScoreResult> {
  const activities = await db.activities
    .where('[targetId+occurredAt]')
    .between([contact.id, -Infinity], [contact.id, Infinity])
    .toArray();
  return defaultScorer()({ contact, activities }, now);
}

/** Recomputes and stores score and grade; returns the result so callers can explain or compare it. */
export async function rescoreContact(db: FichaDb, contactId: string, now: number): Promise<ScoreResult | null> {
  const stored = await db.contacts.get(contactId);
  if (!stored) return null;
  const result = await scoreOf(db, stored, now);
  if (result.total !== stored.leadScore || result.grade !== stored.leadGrade) {
    await db.contacts.update(contactId, { leadScore: result.total, leadGrade: result.grade });
  }
  return result;
}
