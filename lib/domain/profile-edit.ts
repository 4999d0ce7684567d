// What the sidebar may change on a contact or a company, validated field by field, and how a change applies.
// Field schemas are taken from contact.ts / record.ts so messages and limits have one source.
import { z } from 'zod';
import { type Contact, ContactSchema } from './contact';
import { type Company, CompanySchema, ContactProfileSchema } from './record';

/** A blank value clears an optional field: the sidebar sends what was typed, emptiness is decided here. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable());

const general = ContactProfileSchema.shape.general.unwrap().shape;
const contactData = ContactProfileSchema.shape.contactData.unwrap().shape;
const segmentation = ContactProfileSchema.shape.segmentation.unwrap().shape;

/** Which profile block each editable profile field lives in. */
const BLOCK_OF = {
  language: 'general',
  location: 'general',
  website: 'contactData',
  socialProfiles: 'contactData',
  preferredChannel: 'contactData',
  personaRole: 'segmentation',
  industry: 'segmentation',
  companySize: 'segmentation',
  source: 'segmentation',
} as const;
type ProfileField = keyof typeof BLOCK_OF;

/** Editable scalar (and small list) fields of a contact; `null` or a blank string clears an optional one. */
export const ContactFieldsPatchSchema = z
  .strictObject({
    firstName: ContactSchema.shape.firstName,
    lastName: ContactSchema.shape.lastName,
    title: ContactSchema.shape.title,
    company: ContactSchema.shape.company,
    companyDomain: clearable(CompanySchema.shape.domain),
    tags: ContactSchema.shape.tags,
    autoLog: ContactSchema.shape.autoLog.removeDefault(),
    language: clearable(general.language.unwrap()),
    location: clearable(general.location.unwrap()),
    website: clearable(contactData.website.unwrap()),
    socialProfiles: contactData.socialProfiles.removeDefault(),
    preferredChannel: clearable(contactData.preferredChannel.unwrap()),
    personaRole: clearable(segmentation.personaRole.unwrap()),
    industry: clearable(segmentation.industry.unwrap()),
    companySize: clearable(segmentation.companySize.unwrap()),
    source: clearable(segmentation.source.unwrap()),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');
export type ContactFieldsPatch = z.output<typeof ContactFieldsPatchSchema>;

/** The contact after the patch, re-validated as a whole; `updatedAt` is the caller's clock. */
export function applyFieldsPatch(contact: Contact, patch: ContactFieldsPatch, updatedAt: number): Contact {
  const next: Contact = {
    ...contact,
    profile: {
      general: { ...contact.profile.general },
      contactData: { ...contact.profile.contactData },
      segmentation: { ...contact.profile.segmentation },
    },
    updatedAt,
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key in BLOCK_OF) {
      const block = next.profile[BLOCK_OF[key as ProfileField]] as Record<string, unknown>;
      if (value === null) delete block[key];
      else block[key] = value;
    } else {
      (next as Record<string, unknown>)[key] = value ?? '';
    }
  }
  return ContactSchema.parse(next);
}

/** Company-level fields, edited once and shown for every contact of the domain; blanks clear size and country. */
export const CompanyPatchSchema = z
  .strictObject({
    name: CompanySchema.shape.name,
    industry: CompanySchema.shape.industry.removeDefault(),
    sizeBand: clearable(CompanySchema.shape.sizeBand.unwrap()),
    country: clearable(CompanySchema.shape.country.unwrap()),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');
export type CompanyPatch = z.output<typeof CompanyPatchSchema>;

export function applyCompanyPatch(company: Company, patch: CompanyPatch): Company {
  const next: Record<string, unknown> = { ...company };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return CompanySchema.parse(next);
}

/** A zod failure as the `details` the sidebar shows next to each field: `[{ path: 'patch.title', message }]`. */
export function fieldErrors(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path].filter((p) => p !== '').join('.'), message: issue.message }));
}
