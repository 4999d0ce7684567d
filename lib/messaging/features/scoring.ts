// Scoring-model messages: read, validate + save (then rescore every contact in the background), progress.
import { z } from 'zod';
import type { ScoringModel } from '@/lib/domain/scoring-model';
import type { RescoreStatus } from '@/lib/storage/rescore';

export const scoringRequests = [
  z.object({ type: z.literal('scoring.getModel') }),
  /** The model arrives unvalidated on purpose: parseScoringModel answers with field paths the editor can show. */
  z.object({ type: z.literal('scoring.saveModel'), model: z.unknown() }),
  z.object({ type: z.literal('scoring.resetModel') }),
  z.object({ type: z.literal('scoring.rescoreStatus') }),
  /** Tags and industries the records use, for the rules that name them. */
  z.object({ type: z.literal('scoring.knownValues') }),
] as const;

export type { RescoreStatus };

export interface ScoringResponses {
  'scoring.getModel': { model: ScoringModel; isDefault: boolean };
  'scoring.saveModel': { model: ScoringModel; rescore: RescoreStatus };
  'scoring.resetModel': { model: ScoringModel; rescore: RescoreStatus };
  'scoring.rescoreStatus': RescoreStatus;
  'scoring.knownValues': { tags: string[]; industries: string[] };
}
