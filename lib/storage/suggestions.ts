// Stage moves the rules propose for one contact, from its stored score, timeline and deals.
import { presetStageSet } from '@/lib/domain/lifecycle';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { DEFAULT_RULES_BY_SET, proposeTransitions, type StageSuggestion } from '@/lib/domain/stage-rules';
import type { FichaDb } from './db';
import { settingsRepository } from './settings';

// The active preset's default rules apply; the MQL threshold is the scoring model's.
export async function stageSuggestions(db: FichaDb, contactId: string, now: number): Promise<StageSuggestion[] | null> {
  const contact = await db.contacts.get(contactId);
  if (!contact) return null;
  const [activities, deals, settings, modelRow] = await Promise.all([
    db.activities.where('[targetId+occurredAt]').between([contactId, -Infinity], [contactId, Infinity]).toArray(),
    db.deals.where('[contactId+date]').between([contactId, -Infinity], [contactId, Infinity]).toArray(),
    settingsRepository(db).get(),
    db.settings.get('scoringModel'),
  ]);
  const set = presetStageSet(settings.stageSet);
  const mqlThreshold = modelRow?.key === 'scoringModel' ? modelRow.value.mqlThreshold : DEFAULT_SCORING_MODEL.mqlThreshold;
  const rules = DEFAULT_RULES_BY_SET[set.id] ?? [];
  return proposeTransitions(rules, set, { stage: contact.lifecycleStage, score: contact.leadScore, mqlThreshold, activities, deals, now });
}
