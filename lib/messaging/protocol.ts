// Every message the background accepts: one zod discriminated union, and what each one answers.
import { z } from 'zod';
import type { Activity } from '@/lib/domain/activity';
import type { ContactSummary } from '@/lib/domain/contact-summary';
import { type Contact, ContactSchema, NewContactInputSchema, StageIdSchema } from '@/lib/domain/contact';
import { CONSENT_STATUSES, LEGAL_BASES, type LogPolicy } from '@/lib/domain/consent';
import type { StageHistoryEntry } from '@/lib/domain/lifecycle';
import { type Settings, SettingsPatchSchema } from '@/lib/domain/settings';
import type { ScoreEvent, ScoreResult } from '@/lib/domain/scoring';
import { type LifecycleResponses, lifecycleRequests } from './features/lifecycle';
import { type ProfileResponses, profileRequests } from './features/profile';
import { type ScoringResponses, scoringRequests } from './features/scoring';
import { type TemplateResponses, templateRequests } from './features/templates';
import { type SyncResponses, syncRequests } from './features/sync';
import { type DashboardResponses, dashboardRequests } from './features/dashboard';
import { type ImportResponses, importRequests } from './features/import';

export const MAX_LOOKUP_EMAILS = 500;
export const MAX_BATCH = 5_000;

const Id = z.string().min(1).max(64);

export const RequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('contacts.lookup'),
    emails: z.array(z.string().max(320)).max(MAX_LOOKUP_EMAILS),
  }),
  z.object({ type: z.literal('contacts.create'), input: NewContactInputSchema }),
  z.object({ type: z.literal('contacts.get'), id: Id }),
  z.object({
    type: z.literal('contacts.search'),
    query: z.string().max(200),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  // The same search as list lines, answered from the background's memory (popup and Find a contact keystrokes).
  z.object({
    type: z.literal('contacts.find'),
    query: z.string().max(200),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  z.object({ type: z.literal('contacts.count') }),
  // Bulk write of whole records (import, restore, benchmarks); each record is validated like any other.
  z.object({ type: z.literal('contacts.putMany'), contacts: z.array(ContactSchema).max(MAX_BATCH) }),
  z.object({
    type: z.literal('activities.logEmail'),
    email: z.object({
      contactId: Id,
      messageId: z.string().min(1).max(200),
      threadId: z.string().max(200).nullable(),
      subject: z.string().max(1000),
      direction: z.enum(['in', 'out']),
      sentAt: z.number().int().nonnegative().nullable(),
      participants: z.array(z.string().max(320)).max(500),
      /** Plain text read from the page; stored (sanitised, capped) only when the rep turned body storage on. */
      body: z.string().max(100_000).optional(),
    }),
  }),
  z.object({ type: z.literal('activities.findLogged'), contactId: Id, messageId: z.string().min(1).max(200) }),
  z.object({ type: z.literal('activities.list'), contactId: Id, limit: z.number().int().min(1).max(500).default(100) }),
  z.object({ type: z.literal('activities.remove'), id: Id }),
  z.object({ type: z.literal('activities.addNote'), contactId: Id, text: z.string().trim().min(1, 'A note cannot be empty').max(2000) }),
  z.object({
    type: z.literal('contacts.changeStage'),
    contactId: Id,
    to: StageIdSchema,
    reason: z.string().trim().max(500).default(''),
    confirmedBackward: z.boolean().default(false),
  }),
  z.object({ type: z.literal('contacts.stageHistory'), contactId: Id }),
  // `language`: the UI's, for the shipped rule labels and the formula words.
  z.object({ type: z.literal('contacts.explainScore'), contactId: Id, language: z.string().max(35).default('en') }),
  z.object({ type: z.literal('activities.logPolicy'), contactId: Id }),
  z.object({
    type: z.literal('contacts.updatePrivacy'),
    contactId: Id,
    legalBasis: z.enum(LEGAL_BASES),
    consentStatus: z.enum(CONSENT_STATUSES),
    doNotContact: z.boolean(),
    source: z.string().trim().min(1).max(200).default('sidebar'),
    /** The rep's own address as the webmail shows it, for the consent log's "who". */
    by: z.string().trim().max(254).optional(),
  }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.update'), settings: SettingsPatchSchema }),
  ...profileRequests,
  ...scoringRequests,
  ...lifecycleRequests,
  ...templateRequests,
  ...dashboardRequests,
  ...importRequests,
  ...syncRequests,
]);

export type Request = z.infer<typeof RequestSchema>;
/** What callers write: defaults may be omitted. */
export type RequestInput = z.input<typeof RequestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
export type RequestInputOf<T extends RequestType> = Extract<RequestInput, { type: T }>;

export interface Responses extends ProfileResponses, ScoringResponses, LifecycleResponses, TemplateResponses, DashboardResponses, ImportResponses, SyncResponses {
  'contacts.lookup': Record<string, Contact | null>;
  'contacts.create': { contact: Contact; created: boolean };
  'contacts.get': Contact;
  'contacts.search': Contact[];
  'contacts.find': ContactSummary[];
  'contacts.count': number;
  'contacts.putMany': { written: number };
  'activities.logEmail': { activity: Activity; created: boolean };
  'activities.findLogged': Activity | null;
  'activities.list': Activity[];
  'activities.remove': { removed: boolean };
  'activities.addNote': { activity: Activity; created: boolean };
  'contacts.changeStage': { contact: Contact; entry: StageHistoryEntry };
  'contacts.stageHistory': StageHistoryEntry[];
  /** With the newest events each engagement rule counted, by rule id. */
  'contacts.explainScore': ScoreResult & { events: Record<string, ScoreEvent[]> };
  'activities.logPolicy': LogPolicy;
  'contacts.updatePrivacy': Contact;
  'settings.get': Settings;
  'settings.update': Settings;
}

export type HandlersFor<K extends RequestType> = { [T in K]: (request: RequestOf<T>) => Promise<Responses[T]> };
export type Handlers = HandlersFor<RequestType>;
