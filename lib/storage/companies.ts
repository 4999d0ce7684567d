// Company rows: keyed by web domain and shared by every contact whose companyDomain is that domain.
import type { Contact } from '@/lib/domain/contact';
import { type Company, CompanySchema } from '@/lib/domain/record';
import type { FichaDb, StoredContact } from './db';

/**
 * Makes sure the contact's company has a row and returns the contact carrying the company's name. An existing row
 * is never overwritten by a guess from an address: the contact adopts its (possibly richer) data instead.
 * Runs inside the caller's transaction, which must include `companies`.
 */
export async function linkCompany(db: FichaDb, contact: Contact): Promise<Contact> {
  if (!contact.companyDomain) return contact;
  const existing = await db.companies.get(contact.companyDomain);
  if (existing) return existing.name === contact.company ? contact : { ...contact, company: existing.name };
  const row = CompanySchema.safeParse({ domain: contact.companyDomain, name: contact.company || contact.companyDomain });
  // A domain that is not a company key (legacy data) just stays unlinked rather than failing the contact's write.
  if (row.success) await db.companies.add(row.data);
  return contact;
}

export function companyMembers(db: FichaDb, domain: string): Promise<StoredContact[]> {
  return db.contacts.where('companyDomain').equals(domain).toArray();
}

/** The stored row, or one derived from a member contact (rows are created lazily for older contacts). */
export async function companyOrDerived(db: FichaDb, domain: string): Promise<Company | null> {
  const row = await db.companies.get(domain);
  if (row) return row;
  const member = await db.contacts.where('companyDomain').equals(domain).first();
  if (!member) return null;
  const derived = CompanySchema.safeParse({ domain, name: member.company || domain });
  return derived.success ? derived.data : null;
}
