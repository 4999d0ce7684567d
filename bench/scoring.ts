// Pure scoring compute for a full rescore (100,000 contacts × 10 activities), without IndexedDB: the CPU part of
// the customer-record issue's "full rescore ≤ 10 s" figure. The end-to-end rescore in the extension is not wired yet.
import { ACTIVITY_TYPES } from '@/lib/domain/activity';
import { compileModel } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { type BenchResult, round } from './stats';

const DAY = 86_400_000;

export function scoringResults(contacts = 100_000, perContact = 10): BenchResult[] {
  const now = Date.UTC(2026, 10, 25);
  const titles = ['VP Sales', 'Jefe de compras', 'Software Engineer', '', 'CEO & Founder', 'Marketing Manager'];
  const inputs = Array.from({ length: contacts }, (_, i) => ({
    contact: { title: titles[i % titles.length] ?? '', emails: [{ address: i % 3 ? `p${i}@acme${i}.com` : `p${i}@gmail.com` }], tags: [], createdAt: now - (i % 400) * DAY, companySize: (i * 37) % 3000 },
    activities: Array.from({ length: perContact }, (_, j) => ({ id: `a${i}-${j}`, type: ACTIVITY_TYPES[(i + j) % ACTIVITY_TYPES.length] ?? 'note.added', occurredAt: now - ((i * 7 + j * 13) % 200) * DAY })),
  }));
  const score = compileModel(DEFAULT_SCORING_MODEL);
  const started = performance.now();
  for (const input of inputs) score(input, now);
  const seconds = (performance.now() - started) / 1000;
  return [{ name: `scoring compute only: ${contacts} contacts × ${perContact} activities (Node, no IndexedDB)`, value: round(seconds), unit: 's', goal: { max: 10 } }];
}
