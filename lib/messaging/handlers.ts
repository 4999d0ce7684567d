// The handler map: each protocol message bound to the repository call that answers it.
import { type ActivityRepository, emailActivityKey } from '@/lib/storage/activities';
import type { ContactRepository } from '@/lib/storage/contacts';
import { contactSearchIndex, type ContactSearchIndex } from '@/lib/storage/search-index';
import type { ProfileService } from '@/lib/storage/profile';
import type { FichaDb } from '@/lib/storage/db';
import type { RecordService } from '@/lib/storage/record';
import type { ScoringService } from '@/lib/storage/scoring-service';
import type { SettingsRepository } from '@/lib/storage/settings';
import type { TemplateRepository } from '@/lib/storage/templates';
import type { SyncEngine } from '@/lib/storage/sync-engine';
import type { LogPolicy } from '@/lib/domain/consent';
import { localiseScoreResult } from '@/lib/domain/scoring-labels';
import { scoreEvents } from '@/lib/storage/score-events';
import { FichaError } from './errors';
import { profileHandlers } from './features/profile-handlers';
import { scoringHandlers } from './features/scoring-handlers';
import { lifecycleHandlers } from './features/lifecycle-handlers';
import { templateHandlers } from './features/templates-handlers';
import { syncHandlers } from './features/sync-handlers';
import { dashboardHandlers } from './features/dashboard-handlers';
import { importHandlers } from './features/import-handlers';
import type { Handlers, RequestType } from './protocol';

interface Services {
  contacts: ContactRepository;
  activities: ActivityRepository;
  record: RecordService;
  settings: SettingsRepository;
  scoring: ScoringService;
  profile: ProfileService;
  templates: TemplateRepository;
  db: FichaDb;
  sync?: SyncEngine;
  /** Made by the caller to reach it elsewhere (the worker's console, the bench); otherwise made here. */
  searchIndex?: ContactSearchIndex;
  /**
   * A change made from an extension page reached data an open webmail card shows (WEBMAIL_VISIBLE_WRITES): those
   * tabs must refetch, not keep acting on the old settings or showing an erased person.
   */
  onWebmailDataChanged?: () => void;
}

/** Writes from the options page and the other extension pages that change what a webmail card shows or does. */
export const WEBMAIL_VISIBLE_WRITES = [
  'settings.update',
  'import.finish',
  'import.cancel',
  'import.undo',
  'privacy.erasePerson',
  'privacy.runRetention',
  'sync.disconnect', // signing out with "remove local data" empties the tables
  'scoring.saveModel',
  'scoring.resetModel',
  'templates.save',
  'templates.duplicate',
  'templates.remove',
  'templates.reorder',
  'templates.import',
] as const satisfies readonly RequestType[];

/** The same handlers, calling `changed` after each listed write that succeeded (a refused one changed nothing). */
function announcing(handlers: Handlers, changed: () => void): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const type of WEBMAIL_VISIBLE_WRITES) {
    const handler = handlers[type] as (request: never) => Promise<unknown>;
    wrapped[type] = async (request: never) => {
      const result = await handler(request);
      changed();
      return result;
    };
  }
  return wrapped as Handlers;
}

function blockedMessage(policy: LogPolicy): string {
  if (policy.neverLog) return `Never logged: ${policy.neverLog} is on the never-log list`;
  if (policy.warning === 'opted_out') return 'This person opted out and no other legal basis covers the record';
  if (policy.warning === 'no_legal_basis') return 'Logging requires a legal basis, and this contact has none';
  return 'Logging is not allowed for this contact';
}

const STAGE_REFUSALS = {
  not_found: ['not_found', 'No such contact'],
  needs_confirmation: ['needs_confirmation', 'Moving a contact back in the funnel needs confirmation'],
  unknown_stage: ['rejected', 'That stage is not in the active stage set'],
  unchanged: ['rejected', 'The contact is already in that stage'],
} as const;

export function createHandlers({ contacts, activities, record, settings, scoring, profile, templates, db, sync, searchIndex = contactSearchIndex(db, contacts), onWebmailDataChanged }: Services): Handlers {
  const requireContact = async (id: string) => {
    const contact = await contacts.get(id);
    if (!contact) throw new FichaError('not_found', `No contact with id ${id}`);
    return contact;
  };
  const handlers: Handlers = {
    'activities.logEmail': async ({ email }) => {
      // The contact is checked inside the write's own transaction: no separate read first on the click's path.
      const result = await record.logEmail(email);
      if (!result.ok && result.reason === 'not_found') throw new FichaError('not_found', `No contact with id ${email.contactId}`);
      if (!result.ok) throw new FichaError('blocked', blockedMessage(result.policy), result.policy);
      return { activity: result.activity, created: result.created };
    },
    'activities.logPolicy': async ({ contactId }) => {
      const policy = await record.logPolicy(contactId);
      if (!policy) throw new FichaError('not_found', `No contact with id ${contactId}`);
      return policy;
    },
    'contacts.updatePrivacy': async ({ contactId, ...change }) => {
      const updated = await record.updatePrivacy(contactId, change);
      if (!updated) throw new FichaError('not_found', `No contact with id ${contactId}`);
      return updated;
    },
    'settings.get': () => settings.get(),
    'settings.update': ({ settings: patch }) => settings.update(patch),
    ...profileHandlers(profile),
    ...scoringHandlers(scoring, db),
    ...lifecycleHandlers(db),
    ...templateHandlers({ templates, contacts, settings, record, db }),
    ...syncHandlers(sync),
    ...dashboardHandlers(db),
    ...importHandlers({ db, settings }),
    'activities.findLogged': async ({ contactId, messageId }) => (await activities.findByKey(emailActivityKey(contactId, messageId))) ?? null,
    'activities.list': ({ contactId, limit }) => activities.listFor(contactId, limit),
    'activities.remove': async ({ id }) => ({ removed: await record.removeActivity(id) }),
    'activities.addNote': async ({ contactId, text }) => {
      await requireContact(contactId);
      return record.addNote(contactId, text);
    },
    'contacts.changeStage': async ({ contactId, to, reason, confirmedBackward }) => {
      const result = await record.changeStage({ contactId, to, reason, confirmedBackward });
      if (!result.ok) {
        const [code, message] = STAGE_REFUSALS[result.reason];
        throw new FichaError(code, message);
      }
      return { contact: result.contact, entry: result.entry };
    },
    'contacts.stageHistory': ({ contactId }) => record.stageHistory(contactId),
    'contacts.explainScore': async ({ contactId, language }) => {
      const explained = await record.explainScore(contactId);
      if (!explained) throw new FichaError('not_found', `No contact with id ${contactId}`);
      return { ...localiseScoreResult(explained.result, language), events: scoreEvents(explained.result, explained.activities) };
    },
    'contacts.lookup': ({ emails }) => contacts.lookup(emails),
    'contacts.create': ({ input }) => record.createFromHeader(input),
    'contacts.get': ({ id }) => requireContact(id),
    'contacts.search': ({ query, limit }) => searchIndex.search(query, limit),
    'contacts.find': ({ query, limit }) => searchIndex.find(query, limit),
    'contacts.count': () => contacts.count(),
    'contacts.putMany': async ({ contacts: batch }) => ({ written: await contacts.putMany(batch) }),
  };
  return onWebmailDataChanged ? announcing(handlers, onWebmailDataChanged) : handlers;
}
