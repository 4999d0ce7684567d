// The derived figures of a customer record: relational (from the timeline) and transactional (from deals) plus RFM.
import type { Activity } from './activity';
import { EXPECTED_LIFETIME_YEARS } from './profile-values';
import { type RelationalFigures, relationalFigures } from './record';
import { type Currency, type Deal, type RfmResult, rfmSegment, type TransactionFigures, transactionFigures } from './transactions';

export interface RecordFigures {
  relational: RelationalFigures;
  transactions: TransactionFigures;
  /** Null for someone who never bought: RFM describes buyers. */
  rfm: RfmResult | null;
  expectedLifetimeYears: number;
}

const FALLBACK_CURRENCY: Currency = 'EUR';

/**
 * The currency the money figures are reported in: the one most won deals use (no exchange rates here, so
 * mixing is impossible); ties go to the latest won deal, and a contact with no wins reports in the latest deal's.
 */
export function figuresCurrency(deals: readonly Deal[]): Currency {
  const won = deals.filter((d) => d.status === 'won');
  const pool = won.length ? won : deals;
  const tally = new Map<Currency, { count: number; latest: number }>();
  for (const d of pool) {
    const entry = tally.get(d.currency) ?? { count: 0, latest: -Infinity };
    tally.set(d.currency, { count: entry.count + 1, latest: Math.max(entry.latest, d.date) });
  }
  let best: [Currency, { count: number; latest: number }] | undefined;
  for (const candidate of tally) {
    const [, t] = candidate;
    if (!best || t.count > best[1].count || (t.count === best[1].count && t.latest > best[1].latest)) best = candidate;
  }
  return best?.[0] ?? FALLBACK_CURRENCY;
}

export function recordFigures(input: { activities: readonly Activity[]; deals: readonly Deal[]; now: number }): RecordFigures {
  const transactions = transactionFigures(input.deals, {
    now: input.now,
    expectedLifetimeYears: EXPECTED_LIFETIME_YEARS,
    currency: figuresCurrency(input.deals),
  });
  return {
    relational: relationalFigures(input.activities),
    transactions,
    rfm: rfmSegment(transactions),
    expectedLifetimeYears: EXPECTED_LIFETIME_YEARS,
  };
}
