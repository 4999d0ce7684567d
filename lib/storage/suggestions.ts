// Stage moves the rules propose for one contact, from its stored score, timeline and deals.
import { HUBSPOT_STAGE_SET } from '@/lib/domain/lifecycle';
import { HUBSPOT_DEFAULT_RULES, proposeTransitions, type StageSuggestion } from '@/lib/domain/stage-rules';
import type { FichaDb } from './db';

// Stage sets and their rules are not configurable yet: the HubSpot preset and its default rules apply.
export async function stageSuggestions(db: FichaDb, contactId: string, now: number): Promise<StageSuggestion[] | null> {
  const contact = await db.contacts.get(contactId);
  if (!contact) return null;
  const [activities, deals] = await Promise.all([
    db.activities.where('[targetId+occurredAt]').between([contactId, -Infinity], [contactId, Infinity]).toArray(),
    db.deals.where('[contactId+date]').between([contactId, -Infinity], [contactId, Infinity]).toArray(),
  ]);
  return proposeTransitions(HUBSPOT_DEFAULT_RULES, HUBSPOT_STAGE_SET, { stage: contact.lifecycleStage, score: contact.leadScore, activities, deals, now });
}
