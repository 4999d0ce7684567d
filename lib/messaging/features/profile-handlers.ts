// Handlers for the profile messages declared in ./profile.ts.
import type { HandlersFor } from '../protocol';
import type { ProfileResponses } from './profile';

export function profileHandlers(): HandlersFor<keyof ProfileResponses> {
  return {};
}
