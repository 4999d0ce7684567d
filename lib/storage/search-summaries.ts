// Search results as list lines (ContactSummary) from memory: names, primary address, company and title from the
// contact's packed fit in its score bucket, and stage, score and grade from the same entry. A result memory cannot
// vouch for (a contact changed since the table was built, one with several addresses — the fit does not say which
// is primary —, or an entry without its stage) is read from its row instead.
import type { ContactSummary } from '@/lib/domain/contact-summary';
import { fitSearchFields } from './fit-facts';
import type { ScoreEntry } from './score-buckets';

/** The summary memory gives, or null when the row must be read. */
export function summaryFromMemory(id: string, entry: Pick<ScoreEntry, 'total' | 'grade' | 'fit' | 'stage'> | undefined): ContactSummary | null {
  if (!entry || entry.grade === '' || entry.stage === '') return null;
  const { firstName, lastName, company, title, emails } = fitSearchFields(entry.fit);
  if (emails.length !== 1) return null;
  return { id, firstName, lastName, email: emails[0]!, company, title, lifecycleStage: entry.stage, leadScore: entry.total, leadGrade: entry.grade };
}
