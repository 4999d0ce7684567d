// Lifecycle messages beyond the stage change itself: what the rules suggest for a contact.
import { z } from 'zod';
import type { StageSuggestion } from '@/lib/domain/stage-rules';

export const lifecycleRequests = [z.object({ type: z.literal('contacts.stageSuggestions'), contactId: z.string().min(1).max(64) })] as const;

export interface LifecycleResponses {
  'contacts.stageSuggestions': StageSuggestion[];
}
