// Team-independent preferences the background enforces: who is never logged, and whether logging needs a legal basis.
import { z } from 'zod';
import { emailDomain, isValidEmail, normaliseEmail } from './email';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "Ana@Acme.com" → "ana@acme.com"; "@Acme.com" / "acme.com" → "acme.com"; anything else → null. */
export function normaliseNeverLogEntry(raw: string): string | null {
  const value = normaliseEmail(raw).replace(/^@/, '');
  if (value.includes('@')) return isValidEmail(value) ? value : null;
  return DOMAIN.test(value) ? value : null;
}

export const NeverLogEntrySchema = z
  .string()
  .transform((raw, ctx) => {
    const entry = normaliseNeverLogEntry(raw);
    if (!entry) ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 80)}" is neither an email address nor a domain` });
    return entry ?? '';
  });

const NeverLogListSchema = z.array(NeverLogEntrySchema).max(1000).transform((list) => [...new Set(list)]);
const StageSetSchema = z.enum(['hubspot', 'relationship'], { error: 'Stage set must be hubspot or relationship' });
const SenderSchema = z.object({
  firstName: z.string().trim().max(100, 'First name is too long (max 100)'),
  lastName: z.string().trim().max(100, 'Last name is too long (max 100)'),
  signature: z.string().trim().max(2000, 'Signature is too long (max 2000)'),
});

export const SettingsSchema = z.object({
  /** Addresses and domains whose mail is never logged (own company, personal contacts). */
  neverLog: NeverLogListSchema,
  /** When on, contacts without a legal basis (or who opted out) cannot be logged at all. */
  requireLegalBasis: z.boolean(),
  /** The active lifecycle stage set (a preset): its stages, forward rule and suggestion rules apply. */
  stageSet: StageSetSchema.default('hubspot'),
  /** Keep a sanitised plain-text copy of each logged email's body (capped); off by default. */
  storeBodies: z.boolean().default(false),
  /** The rep's own details for the {{sender.*}} merge fields of CTA templates. */
  sender: SenderSchema.default({ firstName: '', lastName: '', signature: '' }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A change sent by a page: only the fields it names. Not `SettingsSchema.partial()`: zod 4 fills a missing field
 * that has a default, so every change (a stage set switch) would also reset body storage and the sender's details.
 */
export const SettingsPatchSchema = z.object({
  neverLog: NeverLogListSchema.optional(),
  requireLegalBasis: z.boolean().optional(),
  stageSet: StageSetSchema.optional(),
  storeBodies: z.boolean().optional(),
  sender: SenderSchema.optional(),
});

export const DEFAULT_SETTINGS: Settings = {
  neverLog: [],
  requireLegalBasis: false,
  stageSet: 'hubspot',
  storeBodies: false,
  sender: { firstName: '', lastName: '', signature: '' },
};

/** The never-log entry that covers an address: the address itself, its domain, or a parent domain. */
export function neverLogMatch(neverLog: readonly string[], email: string): string | null {
  const address = normaliseEmail(email);
  if (neverLog.includes(address)) return address;
  const labels = emailDomain(address).split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const domain = labels.slice(i).join('.');
    if (neverLog.includes(domain)) return domain;
  }
  return null;
}
