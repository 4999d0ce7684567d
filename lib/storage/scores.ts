// Keeps a contact's stored score in step with its activities; called inside the transaction that changed them.
import type { Contact } from '@/lib/domain/contact';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import { compileModel, type ScoreResult, type Scorer } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import type { FichaDb } from './db';

const defaultScorer = compileModel(DEFAULT_SCORING_MODEL);
// The model in force per database (the scoring service sets it when a saved model loads or changes).
const activeScorers = new WeakMap<FichaDb, Scorer>();

export function setActiveScorer(db: FichaDb, scorer: Scorer): void {
  activeScorers.set(db, scorer);
}

export function activeScorer(db: FichaDb): Scorer {
  return activeScorers.get(db) ?? defaultScorer;
}

export async function scoreOf(db: FichaDb, contact: Contact, now: number): Promise<ScoreResult> {
  // Both reads in flight at once: this sits on the path of every log click.
  const [activities, company] = await Promise.all([
    db.activities.where('[targetId+occurredAt]').between([contact.id, -Infinity], [contact.id, Infinity]).toArray(),
    // Company-level industry, size and country count for every contact of the domain.
    contact.companyDomain ? db.companies.get(contact.companyDomain) : undefined,
  ]);
  return activeScorer(db)({ contact: toScoringContact(contact, company), activities }, now);
}

/** A move of at least this many points is worth a line in the timeline; smaller ones are noise. */
export const SCORE_EVENT_THRESHOLD = 10;

/**
 * Recomputes and stores score and grade; returns the result so callers can explain or compare it. Called inside
 * the caller's transaction, which must cover contacts, companies and activities.
 */
export async function rescoreContact(db: FichaDb, contactId: string, now: number): Promise<ScoreResult | null> {
  const stored = await db.contacts.get(contactId);
  if (!stored) return null;
  const result = await scoreOf(db, stored, now);
  if (result.total !== stored.leadScore || result.grade !== stored.leadGrade) {
    // The row was read in this transaction: put it back rather than `update`, which would read it again.
    await db.contacts.put({ ...stored, leadScore: result.total, leadGrade: result.grade });
  }
  if (Math.abs(result.total - stored.leadScore) >= SCORE_EVENT_THRESHOLD) {
    const id = crypto.randomUUID();
    await db.activities.add({
      id,
      key: `score:${id}`,
      type: 'score.changed',
      targetType: 'contact',
      targetId: contactId,
      occurredAt: now,
      createdAt: now,
      createdBy: '',
      summary: `${stored.leadScore} → ${result.total} (${result.grade})`,
      data: { from: stored.leadScore, to: result.total, grade: result.grade },
    });
  }
  return result;
}
