// How a contact's profile and its company feed segmentation and the fit score.
import type { Contact } from './contact';
import type { Company } from './record';
import type { ScoringContact } from './scoring/input';

/** Rows written before the profile existed have none: callers may pass raw stored rows. */
type ProfiledContact = Omit<Contact, 'profile'> & { profile?: Contact['profile'] };

export interface EffectiveSegmentation {
  industry?: string;
  companySize?: Company['sizeBand'];
  country?: string;
}

/**
 * Company-level facts win: they are edited once on the Company and shared by all its contacts. The contact's own
 * industry and size only count when it has no company row (free-mail contacts, consultants).
 */
export function effectiveSegmentation(contact: ProfiledContact, company: Company | null | undefined): EffectiveSegmentation {
  const own = contact.profile?.segmentation ?? {};
  const result: EffectiveSegmentation = {};
  const industry = company?.industry || own.industry;
  const companySize = company?.sizeBand ?? own.companySize;
  if (industry) result.industry = industry;
  if (companySize) result.companySize = companySize;
  if (company?.country) result.country = company.country;
  return result;
}

/** What the scorer reads: the stored contact plus persona role, industry, size band and country. */
export function toScoringContact(contact: ProfiledContact, company: Company | null | undefined): ScoringContact {
  const personaRole = contact.profile?.segmentation.personaRole;
  return { ...contact, ...effectiveSegmentation(contact, company), ...(personaRole ? { personaRole } : {}) };
}
