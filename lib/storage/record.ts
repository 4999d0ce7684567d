// Writes that touch several tables at once (activity + score, stage + history + timeline): each is one transaction,
// so a failure leaves nothing half-done.
import { canLog, consentLogEntries, type LogPolicy, type Privacy } from '@/lib/domain/consent';
import type { Contact, NewContactInput } from '@/lib/domain/contact';
import { neverLogMatch, type Settings } from '@/lib/domain/settings';
import { initialStageOf, planStageChange, presetStageSet, type StageHistoryEntry, stageHistoryEntry, stageMoveActivity } from '@/lib/domain/lifecycle';
import type { ScoreResult } from '@/lib/domain/scoring';
import { type Activity, ActivitySchema } from '@/lib/domain/activity';
import { sanitiseBody } from '@/lib/domain/email-body';
import { type ActivityRepository, type EmailToLog, emailActivity, emailActivityKey } from './activities';
import type { ContactRepository } from './contacts';
import type { FichaDb } from './db';
import { fitCompanyDomain } from './fit-facts';
import { currentCoreTransaction, scoreBuckets } from './score-buckets';
import { confirmScore, rescoreContact, scoreBeforeAdding, scoreWithActivities } from './scores';
import type { SettingsRepository } from './settings';

export interface StageChangeRequest {
  contactId: string;
  to: string;
  reason: string;
  confirmedBackward: boolean;
}

export type StageChangeResult =
  | { ok: true; contact: Contact; entry: StageHistoryEntry }
  | { ok: false; reason: 'not_found' | 'unknown_stage' | 'needs_confirmation' | 'unchanged' };

export interface PrivacyChange {
  legalBasis: Privacy['legalBasis'];
  consentStatus: Privacy['consent']['status'];
  doNotContact: boolean;
  /** Where the instruction came from ("sidebar", "email reply", "web form"). */
  source: string;
  /** Who recorded it: the rep's own address where the page shows it (the webmail's account). */
  by?: string;
}

export type LogEmailResult = { ok: true; activity: Activity; created: boolean } | { ok: false; reason: 'blocked'; policy: LogPolicy } | { ok: false; reason: 'not_found' };

interface Deps {
  contacts: ContactRepository;
  activities: ActivityRepository;
  settings: SettingsRepository;
  now?: () => number;
  newId?: () => string;
  user?: string;
}

export function recordService(db: FichaDb, { contacts, activities, settings, now = Date.now, newId = () => crypto.randomUUID(), user = '' }: Deps) {
  // companies: creating a contact links (or creates) its company row in the same transaction.
  const writeScope = [db.contacts, db.activities, db.stageHistory, db.consentLog, db.settings, db.companies];
  const reload = async (id: string) => (await contacts.get(id)) as Contact;

  function policyWith(contact: Contact, { neverLog, requireLegalBasis }: Settings): LogPolicy {
    for (const { address } of contact.emails) {
      const entry = neverLogMatch(neverLog, address);
      if (entry) return { allowed: false, neverLog: entry };
    }
    return canLog(contact.privacy, { requireLegalBasis });
  }

  return {
    createFromHeader(input: NewContactInput) {
      return db.transaction('rw', writeScope, async () => {
        const set = presetStageSet((await settings.get()).stageSet);
        const result = await contacts.createFromHeader(input, initialStageOf(set));
        if (!result.created) return result;
        await rescoreContact(db, result.contact.id, now()); // fit counts from the first moment
        return { ...result, contact: await reload(result.contact.id) };
      });
    },

    async logPolicy(contactId: string): Promise<LogPolicy | null> {
      const contact = await contacts.get(contactId);
      return contact ? policyWith(contact, await settings.get()) : null;
    },

    /**
     * Checked here, not only in the UI: a second tab or a stale sidebar cannot log a never-log address. This is the
     * path of every log click, so it costs the fewest IndexedDB round trips: every read in one go, then one write of
     * the activity (with its score-move row), which also writes the contact's score bucket (score-buckets-middleware.ts),
     * and the score set on it in the same transaction (scoreBeforeAdding).
     */
    logEmail(email: EmailToLog): Promise<LogEmailResult> {
      return db.transaction('rw', writeScope, async (): Promise<LogEmailResult> => {
        // The company the contact's bucket entry names is read with the rest; the contact row decides below.
        const guessedDomain = fitCompanyDomain(scoreBuckets(db).get(email.contactId)?.fit ?? '');
        const [contact, current, existing, guessedCompany] = await Promise.all([
          contacts.get(email.contactId),
          settings.get(),
          activities.findByKey(emailActivityKey(email.contactId, email.messageId)),
          guessedDomain ? db.companies.get(guessedDomain) : undefined,
        ]);
        if (!contact) return { ok: false, reason: 'not_found' };
        const policy = policyWith(contact, current);
        if (!policy.allowed) return { ok: false, reason: 'blocked', policy };
        if (existing) return { ok: true, activity: existing, created: false };
        const domain = contact.companyDomain;
        const company = domain === guessedDomain ? guessedCompany : domain ? await db.companies.get(domain) : undefined;
        const body = current.storeBodies && email.body ? sanitiseBody(email.body) : '';
        const { body: _dropped, ...rest } = email;
        const at = now();
        const activity = ActivitySchema.parse(emailActivity(body ? { ...rest, body } : rest, { id: newId(), now: at, user }));
        await scoreBuckets(db).load(currentCoreTransaction());
        const { result, event } = scoreBeforeAdding(db, contact, company, activity, at);
        await db.activities.bulkAdd(event ? [activity, event] : [activity]);
        await confirmScore(db, contact.id, result);
        return { ok: true, activity, created: true };
      });
    },

    /** Privacy changes and their audit entries land together; returns the updated contact. */
    updatePrivacy(contactId: string, change: PrivacyChange): Promise<Contact | null> {
      return db.transaction('rw', writeScope, async () => {
        const contact = await contacts.get(contactId);
        if (!contact) return null;
        const at = now();
        const { legalBasis, consentStatus, doNotContact, source, by } = change;
        const statusChanged = consentStatus !== contact.privacy.consent.status;
        // A consent decision keeps the date and source it was given with; "unknown" has neither.
        const consent =
          consentStatus === 'unknown' ? { status: consentStatus, at: null, source: '' } : statusChanged ? { status: consentStatus, at, source } : contact.privacy.consent;
        const privacy: Privacy = { legalBasis, doNotContact, consent };
        const entries = consentLogEntries(contact.privacy, privacy, { contactId, at, by: by || user || 'me', source, nextId: newId });
        if (entries.length === 0) return contact;
        await db.contacts.update(contactId, { privacy, updatedAt: at });
        await db.consentLog.bulkAdd(entries);
        return reload(contactId);
      });
    },

    addNote(contactId: string, text: string) {
      return db.transaction('rw', writeScope, async () => {
        const result = await activities.addNote(contactId, text);
        await rescoreContact(db, contactId, now());
        return result;
      });
    },

    removeActivity(id: string) {
      return db.transaction('rw', writeScope, async () => {
        const activity = await db.activities.get(id);
        if (!activity) return false;
        await activities.remove(id);
        await rescoreContact(db, activity.targetId, now());
        return true;
      });
    },

    /** Forward-only unless confirmed; the move, its history entry and its timeline event land together. */
    changeStage(request: StageChangeRequest): Promise<StageChangeResult> {
      return db.transaction('rw', writeScope, async (): Promise<StageChangeResult> => {
        const contact = await contacts.get(request.contactId);
        if (!contact) return { ok: false, reason: 'not_found' };
        const from = contact.lifecycleStage;
        const set = presetStageSet((await settings.get()).stageSet);
        const plan = planStageChange(set, from, request.to, { confirmedBackward: request.confirmedBackward });
        if (!plan.ok) return plan;
        const at = now();
        const entry = stageHistoryEntry({ id: newId(), contactId: contact.id, from, to: request.to, at, by: user, reason: request.reason, direction: plan.direction });
        await db.contacts.update(contact.id, { lifecycleStage: request.to, updatedAt: at });
        await db.stageHistory.add(entry);
        await db.activities.add(stageMoveActivity(entry, { id: newId(), createdBy: user }));
        await rescoreContact(db, contact.id, at);
        return { ok: true, contact: await reload(contact.id), entry };
      });
    },

    stageHistory(contactId: string): Promise<StageHistoryEntry[]> {
      return db.stageHistory.where('[contactId+at]').between([contactId, -Infinity], [contactId, Infinity]).reverse().toArray();
    },

    /** The score explained, with the activities it counted (read once, for the score and for its events). */
    async explainScore(contactId: string): Promise<{ result: ScoreResult; activities: Activity[] } | null> {
      const contact = await contacts.get(contactId);
      return contact ? scoreWithActivities(db, contact, now()) : null;
    },
  };
}

export type RecordService = ReturnType<typeof recordService>;
