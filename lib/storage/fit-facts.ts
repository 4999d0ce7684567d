// A contact's fit inputs packed into one string, kept in its score bucket: the full rescore scores from the buckets
// without reading 100,000 contact rows. Holds exactly what toScoringContact passes on from the contact (the company's
// industry, size and country are joined at scoring time, from the companies table).
import { effectiveSegmentation } from '@/lib/domain/profile-scoring';
import type { Company } from '@/lib/domain/record';
import type { ScoringContact } from '@/lib/domain/scoring/input';

const FIELD = '\u0001';
const ITEM = '\u0002';

/** The stored contact fields fit rules read (a raw stored row: later fields may be missing). */
export type FitSource = Partial<Pick<ScoringContact, 'title' | 'emails' | 'tags' | 'createdAt' | 'firstName' | 'lastName' | 'company' | 'companyDomain' | 'owner' | 'phones'>> & {
  profile?: { segmentation?: { personaRole?: string; industry?: string; companySize?: string } };
};

const clean = (s: string | undefined) => (s ?? '').replaceAll(FIELD, ' ').replaceAll(ITEM, ' ');

export function packFit(c: FitSource): string {
  const seg = c.profile?.segmentation ?? {};
  return [
    clean(c.title),
    (c.emails ?? []).map((e) => clean(e.address)).join(ITEM),
    (c.tags ?? []).map(clean).join(ITEM),
    String(c.createdAt ?? 0),
    clean(c.firstName),
    clean(c.lastName),
    clean(c.company),
    clean(c.companyDomain),
    clean(c.owner),
    c.phones && c.phones.length > 0 ? '1' : '',
    clean(seg.personaRole),
    clean(seg.industry),
    clean(seg.companySize),
  ].join(FIELD);
}

/** The company domain of a packed fit (to look its company up before scoring). */
export function fitCompanyDomain(fit: string): string {
  return fit.split(FIELD, 8)[7] ?? '';
}

/** The searchable fields of a packed fit: what toStored derives the search keys from (names, company, title, addresses). */
export function fitSearchFields(fit: string): { firstName: string; lastName: string; company: string; title: string; emails: string[] } {
  const [title = '', emails, , , firstName = '', lastName = '', company = ''] = fit.split(FIELD, 7);
  return { firstName, lastName, company, title, emails: list(emails) };
}

const list = (s: string | undefined) => (s ? s.split(ITEM) : []);

/** The scorer's view of a packed contact and its company: what toScoringContact gives for the stored contact. */
export function unpackFit(fit: string, company: Company | null | undefined): ScoringContact {
  const [title = '', emails, tags, createdAt, firstName = '', lastName = '', companyName = '', companyDomain = '', owner = '', phones, personaRole, industry, companySize] = fit.split(FIELD);
  const segmentation = { ...(industry ? { industry } : {}), ...(companySize ? { companySize: companySize as Company['sizeBand'] } : {}) };
  return {
    title,
    emails: list(emails).map((address) => ({ address })),
    tags: list(tags),
    createdAt: Number(createdAt ?? 0),
    firstName,
    lastName,
    company: companyName,
    companyDomain,
    owner,
    phones: phones ? [1] : [],
    ...effectiveSegmentation({ profile: { segmentation } } as Parameters<typeof effectiveSegmentation>[0], company),
    ...(personaRole ? { personaRole } : {}),
  };
}
