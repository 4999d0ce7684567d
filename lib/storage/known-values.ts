// Values the team's records already use, offered to a scoring rule so it names a tag or industry that exists
// (a typo in a rule silently scores nobody). Most used first; read from counters and the companies, never by
// scanning every contact.
import type { FichaDb } from './db';
import { contactTallies, mostUsed } from './tally-reads';

export const KNOWN_VALUES_LIMIT = 50;

/** The industries set on companies, spelled as most companies spell them, most used first. */
export async function knownIndustries(db: FichaDb, limit = KNOWN_VALUES_LIMIT): Promise<string[]> {
  const byFolded = new Map<string, { counts: Map<string, number>; total: number }>();
  await db.companies.each((company) => {
    const industry = company.industry.trim();
    if (!industry) return;
    const folded = industry.toLocaleLowerCase();
    const entry = byFolded.get(folded) ?? { counts: new Map(), total: 0 };
    entry.counts.set(industry, (entry.counts.get(industry) ?? 0) + 1);
    entry.total++;
    byFolded.set(folded, entry);
  });
  const totals = new Map([...byFolded.values()].map((e) => [mostUsed(e.counts, 1)[0]!, e.total]));
  return mostUsed(totals, limit);
}

export async function knownTags(db: FichaDb, limit = KNOWN_VALUES_LIMIT): Promise<string[]> {
  return mostUsed((await contactTallies(db)).tags, limit);
}
