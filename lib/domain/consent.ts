// Privacy state per contact (GDPR-style legal basis and consent), its audit log, and whether logging may go ahead.
import { z } from 'zod';

export const LEGAL_BASES = ['consent', 'contract', 'legitimate_interest', 'other', 'none'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const CONSENT_STATUSES = ['granted', 'denied', 'withdrawn', 'unknown'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

const timestamp = z.number().int().nonnegative();
const source = z.string().trim().max(200, 'Source is too long (max 200)');

export const ConsentSchema = z
  .object({
    status: z.enum(CONSENT_STATUSES, { error: 'Consent status must be granted, denied, withdrawn or unknown' }),
    /** When the person decided; null only while unknown. */
    at: timestamp.nullable(),
    /** Where the decision came from: "web form", "email reply", "import"… */
    source,
  })
  .refine((c) => c.status === 'unknown' || c.at !== null, { path: ['at'], message: 'A consent decision needs a date' });
export type Consent = z.infer<typeof ConsentSchema>;

export const PrivacySchema = z.object({
  legalBasis: z.enum(LEGAL_BASES, { error: 'Legal basis must be consent, contract, legitimate_interest, other or none' }),
  consent: ConsentSchema,
  /** The person asked not to be contacted; outreach stops, record-keeping may continue. */
  doNotContact: z.boolean(),
});
export type Privacy = z.infer<typeof PrivacySchema>;

export const DEFAULT_PRIVACY: Privacy = {
  legalBasis: 'none',
  consent: { status: 'unknown', at: null, source: '' },
  doNotContact: false,
};

export const ConsentChangeSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('legalBasis'), from: z.enum(LEGAL_BASES), to: z.enum(LEGAL_BASES) }),
  z.object({ field: z.literal('consentStatus'), from: z.enum(CONSENT_STATUSES), to: z.enum(CONSENT_STATUSES) }),
  z.object({ field: z.literal('doNotContact'), from: z.boolean(), to: z.boolean() }),
]);
export type ConsentChange = z.infer<typeof ConsentChangeSchema>;

/** One audited change: what changed, when, where the instruction came from, and who recorded it. */
export const ConsentLogEntrySchema = z.intersection(
  z.object({
    id: z.string().min(1).max(64),
    contactId: z.string().min(1).max(64),
    at: timestamp,
    source: source.min(1, 'Say where the change came from'),
    by: z.string().trim().min(1, 'Say who made the change').max(254),
  }),
  ConsentChangeSchema,
);
export type ConsentLogEntry = z.infer<typeof ConsentLogEntrySchema>;

/** The audited fields that differ between two privacy states (a new consent date alone is not a change of status). */
export function consentChanges(before: Privacy, after: Privacy): ConsentChange[] {
  const changes: ConsentChange[] = [];
  if (before.legalBasis !== after.legalBasis) changes.push({ field: 'legalBasis', from: before.legalBasis, to: after.legalBasis });
  if (before.consent.status !== after.consent.status) {
    changes.push({ field: 'consentStatus', from: before.consent.status, to: after.consent.status });
  }
  if (before.doNotContact !== after.doNotContact) changes.push({ field: 'doNotContact', from: before.doNotContact, to: after.doNotContact });
  return changes;
}

/** Log entries for every change from `before` to `after`; throws if the meta is invalid (an audit log must not hold junk). */
export function consentLogEntries(
  before: Privacy,
  after: Privacy,
  meta: { contactId: string; at: number; by: string; source: string; nextId: () => string },
): ConsentLogEntry[] {
  const { nextId, ...common } = meta;
  return consentChanges(before, after).map((change) => ConsentLogEntrySchema.parse({ id: nextId(), ...common, ...change }));
}

export type LogWarning = 'no_legal_basis' | 'opted_out' | 'do_not_contact';
export type LogDecision = { allowed: boolean; warning?: LogWarning };

/** A LogDecision that also names the never-log entry (address or domain) covering one of the contact's addresses. */
export interface LogPolicy extends LogDecision {
  neverLog?: string;
}

/** Consent only counts as a basis while granted; the other bases stand on their own. */
export function hasLegalBasis(privacy: Privacy): boolean {
  if (privacy.legalBasis === 'consent') return privacy.consent.status === 'granted';
  return privacy.legalBasis !== 'none';
}

/**
 * May we log mail to this contact's record? Opting out blocks unless another basis (contract,
 * legitimate interest, other) covers the record. Do-not-contact forbids outreach, not record-keeping,
 * so it only warns. Without a basis, logging is blocked only when the team requires one.
 * The warning names the blocking reason when blocked, else the most important flag.
 */
export function canLog(privacy: Privacy, options: { requireLegalBasis: boolean }): LogDecision {
  const basis = hasLegalBasis(privacy);
  const optedOut = privacy.consent.status === 'denied' || privacy.consent.status === 'withdrawn';
  if (optedOut) return { allowed: basis, warning: 'opted_out' };
  if (!basis && options.requireLegalBasis) return { allowed: false, warning: 'no_legal_basis' };
  if (privacy.doNotContact) return { allowed: true, warning: 'do_not_contact' };
  if (!basis) return { allowed: true, warning: 'no_legal_basis' };
  return { allowed: true };
}
