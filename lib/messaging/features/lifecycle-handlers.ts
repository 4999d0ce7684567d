// Handlers for the lifecycle messages declared in ./lifecycle.ts.
import type { FichaDb } from '@/lib/storage/db';
import { stageSuggestions } from '@/lib/storage/suggestions';
import { FichaError } from '../errors';
import type { HandlersFor } from '../protocol';
import type { LifecycleResponses } from './lifecycle';

export function lifecycleHandlers(db: FichaDb, now: () => number = Date.now): HandlersFor<keyof LifecycleResponses> {
  return {
    'contacts.stageSuggestions': async ({ contactId }) => {
      const suggestions = await stageSuggestions(db, contactId, now());
      if (!suggestions) throw new FichaError('not_found', `No contact with id ${contactId}`);
      return suggestions;
    },
  };
}
