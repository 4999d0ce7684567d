// The merge fields a template may use, and their values for one contact. A name not listed here is refused when a
// template is saved, so a typo ("contact.fristName") is caught by the author, not by a customer.
import type { Contact } from './contact';
import { fullName, primaryEmail } from './person';
import type { Company } from './record';
import { CTA_LINK_FIELD, type MergeData } from './template';

/** The rep's own details, set once in Options › Your details. */
export interface Sender {
  firstName: string;
  lastName: string;
  signature: string;
}

type ContactValues = (c: Contact) => string | undefined;

const CONTACT_FIELDS: Record<string, ContactValues> = {
  firstName: (c) => c.firstName,
  lastName: (c) => c.lastName,
  fullName: (c) => fullName(c),
  email: (c) => primaryEmail(c),
  company: (c) => c.company,
  title: (c) => c.title,
  phone: (c) => c.phones[0]?.number,
  owner: (c) => c.owner,
  lifecycleStage: (c) => c.lifecycleStage,
  leadScore: (c) => String(c.leadScore),
  leadGrade: (c) => c.leadGrade,
  tags: (c) => c.tags.join(', '),
  language: (c) => c.profile.general.language,
  location: (c) => c.profile.general.location,
  website: (c) => c.profile.contactData.website,
  preferredChannel: (c) => c.profile.contactData.preferredChannel,
  personaRole: (c) => c.profile.segmentation.personaRole,
  industry: (c) => c.profile.segmentation.industry,
  companySize: (c) => c.profile.segmentation.companySize,
  source: (c) => c.profile.segmentation.source,
};

const COMPANY_FIELDS: Record<string, (c: Company) => string | undefined> = {
  name: (c) => c.name,
  domain: (c) => c.domain,
  industry: (c) => c.industry,
  size: (c) => c.sizeBand,
  country: (c) => c.country,
};

const SENDER_FIELDS: Record<string, (s: Sender & { email: string }) => string> = {
  firstName: (s) => s.firstName,
  lastName: (s) => s.lastName,
  fullName: (s) => `${s.firstName} ${s.lastName}`.trim(),
  email: (s) => s.email,
  signature: (s) => s.signature,
};

export const MERGE_FIELDS: readonly string[] = [
  ...Object.keys(CONTACT_FIELDS).map((k) => `contact.${k}`),
  ...Object.keys(COMPANY_FIELDS).map((k) => `company.${k}`),
  ...Object.keys(SENDER_FIELDS).map((k) => `sender.${k}`),
  CTA_LINK_FIELD,
];

const KNOWN = new Set(MERGE_FIELDS);
export const isKnownField = (path: string) => KNOWN.has(path);

/** Merge values for one contact; the company falls back to the contact's own company text for its name. */
export function mergeDataFor(contact: Contact, company: Company | null, sender: Sender & { email: string }): MergeData {
  const data: Record<string, string | undefined> = {};
  for (const [key, read] of Object.entries(CONTACT_FIELDS)) data[`contact.${key}`] = read(contact);
  for (const [key, read] of Object.entries(COMPANY_FIELDS)) data[`company.${key}`] = company ? read(company) : undefined;
  data['company.name'] ||= contact.company;
  data['company.domain'] ||= contact.companyDomain;
  for (const [key, read] of Object.entries(SENDER_FIELDS)) data[`sender.${key}`] = read(sender);
  return data;
}
