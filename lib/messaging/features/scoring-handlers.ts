// Handlers for the scoring-model messages declared in ./scoring.ts.
import type { FichaDb } from '@/lib/storage/db';
import { knownIndustries, knownTags } from '@/lib/storage/known-values';
import type { ScoringService } from '@/lib/storage/scoring-service';
import { FichaError } from '../errors';
import type { HandlersFor } from '../protocol';
import type { ScoringResponses } from './scoring';

export function scoringHandlers(scoring: ScoringService, db: FichaDb): HandlersFor<keyof ScoringResponses> {
  return {
    'scoring.getModel': async () => scoring.getModel(),
    'scoring.saveModel': async ({ model }) => {
      const result = await scoring.save(model);
      if (!result.ok) throw new FichaError('invalid_message', 'The scoring model is not valid', result.errors);
      return { model: result.model, rescore: result.rescore };
    },
    'scoring.resetModel': () => scoring.reset(),
    'scoring.rescoreStatus': async () => scoring.status(),
    'scoring.knownValues': async () => {
      const [tags, industries] = await Promise.all([knownTags(db), knownIndustries(db)]);
      return { tags, industries };
    },
  };
}
