// Reading the dashboard's tallies (tallies.ts): a prefix or a run of days is one small range read.
import { DAY_MS } from '@/lib/domain/transactions';
import type { FichaDb } from './db';
import { dayKey, type TallyRow, TOTAL_KEY } from './tallies';

async function withPrefix(db: FichaDb, prefix: string): Promise<Map<string, number>> {
  const rows = await db.tallies.where('key').between(prefix, `${prefix}\uffff`, true, true).toArray();
  return new Map(rows.map((r) => [r.key.slice(prefix.length), r.count]));
}

/** The keys of a count map, most counted first (ties by name), at most `limit`. */
export const mostUsed = (counts: Map<string, number>, limit: number): string[] =>
  [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([value]) => value);

export interface ContactTallies {
  total: number;
  stages: Map<string, number>;
  owners: Map<string, number>;
  tags: Map<string, number>;
}

export async function contactTallies(db: FichaDb): Promise<ContactTallies> {
  const [total, stages, owners, tags] = await Promise.all([db.tallies.get(TOTAL_KEY), withPrefix(db, 'stage|'), withPrefix(db, 'owner|'), withPrefix(db, 'tag|')]);
  return { total: total?.count ?? 0, stages, owners, tags };
}

export interface DayTally {
  /** Start of the UTC day. */
  at: number;
  count: number;
  templates: Record<string, number>;
}

/** One activity type's counts per UTC day over [from, to) (day starts), oldest first; days without any are absent. */
export async function activityDays(db: FichaDb, type: string, from: number, to: number): Promise<DayTally[]> {
  const first = Math.floor(from / DAY_MS);
  const last = Math.ceil(to / DAY_MS) - 1;
  if (last < first) return [];
  const rows: TallyRow[] = await db.tallies.where('key').between(dayKey(type, first), dayKey(type, last), true, true).toArray();
  return rows.map((r) => ({ at: Number(r.key.slice(r.key.lastIndexOf('|') + 1)) * DAY_MS, count: r.count, templates: r.templates ?? {} }));
}
