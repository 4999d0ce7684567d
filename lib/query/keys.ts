// One place for react-query keys, so invalidation after a write reaches every view.
export const queryKeys = {
  contacts: ['contacts'] as const,
  lookup: (emails: readonly string[]) => ['contacts', 'lookup', ...emails] as const,
  search: (query: string) => ['contacts', 'search', query] as const,
  find: (query: string, limit: number) => ['contacts', 'find', query, limit] as const,
  count: () => ['contacts', 'count'] as const,
  activities: (contactId: string) => ['activities', contactId] as const,
  logged: (contactId: string, messageId: string) => ['activities', contactId, 'logged', messageId] as const,
  timeline: (contactId: string) => ['activities', contactId, 'timeline'] as const,
  stageHistory: (contactId: string) => ['activities', contactId, 'stageHistory'] as const,
  stageSuggestions: (contactId: string) => ['activities', contactId, 'stageSuggestions'] as const,
  scoreExplanation: (contactId: string) => ['activities', contactId, 'score'] as const,
  // Depends on the contact's privacy and on settings, so any record write refreshes it too.
  logPolicy: (contactId: string) => ['activities', contactId, 'policy'] as const,
  settings: ['settings'] as const,
  // Under the contact: rendered with its fields, so any contact write re-renders the previews.
  templatesFor: (contactId: string) => ['contacts', contactId, 'templates'] as const,
  templates: ['templates'] as const,
};
