// Keeps a contact's score in step with its activities; called inside the transaction that changed them.
import type { Contact } from '@/lib/domain/contact';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import { compileModel, type ScoreResult, type Scorer } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import type { FichaDb } from './db';
import { currentCoreTransaction, digestActivities, scoreBuckets } from './score-buckets';

const defaultScorer = compileModel(DEFAULT_SCORING_MODEL);
// The model in force per database (the scoring service sets it when a saved model loads or changes).
const activeScorers = new WeakMap<FichaDb, Scorer>();

export function setActiveScorer(db: FichaDb, scorer: Scorer): void {
  activeScorers.set(db, scorer);
}

export function activeScorer(db: FichaDb): Scorer {
  return activeScorers.get(db) ?? defaultScorer;
}

/** The score with its explanation (which names the activities behind each rule): reads the contact's activities. */
export async function scoreOf(db: FichaDb, contact: Contact, now: number): Promise<ScoreResult> {
  // Both reads in flight at once.
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
 * Recomputes and stores score and grade; returns the result so callers can compare it (its explanation carries no
 * activity ids: `scoreOf` explains). Called inside the caller's read-write transaction, which must cover contacts,
 * companies and activities. Scores from the contact's digest in its bucket (no activity rows read) and writes only
 * that bucket row (the contact row and its indexes are not rewritten): this sits on the path of every log click.
 */
export async function rescoreContact(db: FichaDb, contactId: string, now: number): Promise<ScoreResult | null> {
  const stored = await db.contacts.get(contactId);
  if (!stored) return null;
  const trans = currentCoreTransaction();
  const buckets = scoreBuckets(db);
  const company = stored.companyDomain ? await db.companies.get(stored.companyDomain) : undefined;
  await buckets.load(trans);
  const result = activeScorer(db)({ contact: toScoringContact(stored, company), activities: digestActivities(buckets.get(contactId)) }, now);
  await buckets.write(trans, buckets.setScores(trans, [{ id: contactId, total: result.total, grade: result.grade }]));
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
