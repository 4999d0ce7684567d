// Keeps a contact's score in step with its activities; called inside the transaction that changed them.
import type { Activity } from '@/lib/domain/activity';
import type { Contact } from '@/lib/domain/contact';
import type { Company } from '@/lib/domain/record';
import type { ScoringActivity } from '@/lib/domain/scoring/input';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import { compileModel, type ScoreResult, type Scorer } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import type { FichaDb } from './db';
import { type ActivityLike, currentCoreTransaction, digestActivities, scoreBuckets } from './score-buckets';

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
  return (await scoreWithActivities(db, contact, now)).result;
}

/** The score and the activities it was computed from (an explanation lists some of them). */
export async function scoreWithActivities(db: FichaDb, contact: Contact, now: number): Promise<{ result: ScoreResult; activities: Activity[] }> {
  // Both reads in flight at once.
  const [activities, company] = await Promise.all([
    db.activities.where('[targetId+occurredAt]').between([contact.id, -Infinity], [contact.id, Infinity]).toArray(),
    // Company-level industry, size and country count for every contact of the domain.
    contact.companyDomain ? db.companies.get(contact.companyDomain) : undefined,
  ]);
  return { result: activeScorer(db)({ contact: toScoringContact(contact, company), activities }, now), activities };
}

/** A move of at least this many points is worth a line in the timeline; smaller ones are noise. */
export const SCORE_EVENT_THRESHOLD = 10;

/**
 * Recomputes and stores score and grade; returns the result so callers can compare it (its explanation carries no
 * activity ids: `scoreWithActivities` explains). Called inside the caller's read-write transaction, which must cover contacts,
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
  const event = scoreEvent(contactId, stored.leadScore, result, now);
  if (event) await db.activities.add(event);
  return result;
}

/** The timeline row for a score move of SCORE_EVENT_THRESHOLD points or more; null for a smaller one. */
export function scoreEvent(contactId: string, from: number, result: Pick<ScoreResult, 'total' | 'grade'>, now: number): Activity | null {
  if (Math.abs(result.total - from) < SCORE_EVENT_THRESHOLD) return null;
  const id = crypto.randomUUID();
  return {
    id,
    key: `score:${id}`,
    type: 'score.changed',
    targetType: 'contact',
    targetId: contactId,
    occurredAt: now,
    createdAt: now,
    createdBy: '',
    summary: `${from} → ${result.total} (${result.grade})`,
    data: { from, to: result.total, grade: result.grade },
  };
}

/**
 * Scores `contact` as it will be once `activity` (read, not written yet) joins its digest, and sets that score on its
 * bucket entry in memory; returns the score and the timeline row for a large move. The caller then adds the activity
 * (and that row) in one write in the same read-write transaction: the middleware writes the contact's bucket row
 * once, digest and score together, where `rescoreContact` after the add would write it twice and read the contact and
 * company again. Needs the buckets loaded in the current transaction; `confirmScore` after the add.
 */
export function scoreBeforeAdding(db: FichaDb, contact: Contact, company: Company | undefined, activity: ActivityLike, now: number): { result: ScoreResult; event: Activity | null } {
  const buckets = scoreBuckets(db);
  const activities = [...digestActivities(buckets.get(contact.id)), { id: '', type: activity.type as ScoringActivity['type'], occurredAt: activity.occurredAt }];
  const result = activeScorer(db)({ contact: toScoringContact(contact, company), activities }, now);
  buckets.setScores(currentCoreTransaction(), [{ id: contact.id, total: result.total, grade: result.grade }]);
  return { result, event: scoreEvent(contact.id, contact.leadScore, result, now) };
}

/**
 * After the add: the score is on the stored bucket row. Writes nothing (no request) when the middleware's write
 * carried it, which is always unless the in-memory copy was dropped and reloaded in between.
 */
export async function confirmScore(db: FichaDb, contactId: string, result: Pick<ScoreResult, 'total' | 'grade'>): Promise<void> {
  const trans = currentCoreTransaction();
  const buckets = scoreBuckets(db);
  await buckets.load(trans);
  await buckets.write(trans, buckets.setScores(trans, [{ id: contactId, total: result.total, grade: result.grade }]));
}
