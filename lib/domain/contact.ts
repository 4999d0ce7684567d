// What a contact is, for the extension, the sync wire and the server alike.
import { z } from 'zod';
import { DEFAULT_PRIVACY, PrivacySchema } from './consent';
import { isValidEmail, normaliseEmail } from './email';
import { INITIAL_STAGE } from './lifecycle';
import { companyFromEmail, nameFromEmail, splitDisplayName } from './names';
import { ContactProfileSchema } from './record';

export { normaliseEmail, isValidEmail } from './email';
export { isFreemailDomain } from './freemail';
export { splitDisplayName, companyFromEmail } from './names';
export { fullName, primaryEmail } from './person';

const text = (max: number) => z.string().trim().max(max);

export const EmailAddressSchema = z
  .string()
  .trim()
  .transform(normaliseEmail)
  .refine(isValidEmail, { message: 'Not a valid email address' });

export const ContactEmailSchema = z.object({ address: EmailAddressSchema, primary: z.boolean() });

export const PhoneSchema = z.object({
  number: z.string().trim().regex(/^\+?[0-9 ()./-]{5,30}$/, 'Not a valid phone number'),
  label: text(40).default('work'),
});

export const StageIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Not a stage id');
export const LeadScoreSchema = z.number().int().min(0).max(100);

export const ContactSchema = z.object({
  id: z.string().min(1).max(64),
  emails: z
    .array(ContactEmailSchema)
    .min(1, 'A contact needs an email')
    .max(20)
    .refine((list) => list.filter((e) => e.primary).length === 1, 'Exactly one email must be primary')
    .refine((list) => new Set(list.map((e) => e.address)).size === list.length, 'Duplicate email'),
  firstName: text(100),
  lastName: text(100),
  company: text(200),
  companyDomain: text(253),
  title: text(200),
  phones: z.array(PhoneSchema).max(10),
  lifecycleStage: StageIdSchema,
  leadScore: LeadScoreSchema,
  /** Fit letter × engagement digit (A1 best … C3), kept with the score it came from. */
  leadGrade: z.string().regex(/^[ABC][123]$/, 'Not a grade (A1–C3)').default('C3'),
  owner: text(254),
  /** Log every message of this contact's threads as it is shown, without a click. */
  autoLog: z.boolean().default(false),
  /** Legal basis, consent and do-not-contact (GDPR); every change is audited in the consent log. */
  privacy: PrivacySchema.default(DEFAULT_PRIVACY),
  tags: z.array(text(60).min(1)).max(50),
  /** General, contact and segmentation blocks of the customer record; prefault parses `{}` so old rows get every inner default. */
  profile: ContactProfileSchema.prefault({}),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Contact = z.infer<typeof ContactSchema>;

/** What the sidebar sends to create a contact from a mail header. */
export const NewContactInputSchema = z.object({
  email: EmailAddressSchema,
  displayName: text(200).default(''),
});
export type NewContactInput = z.input<typeof NewContactInputSchema>;

/** A new contact from what a mail header tells: names split from the display name, company from the domain. */
export function contactFromHeader(
  input: { email: string; displayName?: string },
  meta: { id: string; now: number; owner?: string; stage?: string },
): Contact {
  const email = normaliseEmail(input.email);
  const fromName = splitDisplayName(input.displayName ?? '');
  const names = fromName.firstName ? fromName : nameFromEmail(email);
  const company = companyFromEmail(email);
  return ContactSchema.parse({
    id: meta.id,
    emails: [{ address: email, primary: true }],
    firstName: names.firstName.slice(0, 100),
    lastName: names.lastName.slice(0, 100),
    company: company?.name ?? '',
    companyDomain: company?.domain ?? '',
    title: '',
    phones: [],
    lifecycleStage: meta.stage ?? INITIAL_STAGE,
    leadScore: 0,
    leadGrade: 'C3',
    owner: meta.owner ?? '',
    privacy: DEFAULT_PRIVACY,
    autoLog: false,
    tags: [],
    profile: {},
    createdAt: meta.now,
    updatedAt: meta.now,
  });
}
