// Profile writes (the five blocks of the customer record). Each write is one transaction: the contact, its search
// keys, its company and its rescore land together, and a refusal (thrown) rolls everything back.
import type { Contact } from '@/lib/domain/contact';
import type { ContactEmailSchema, PhoneSchema } from '@/lib/domain/contact';
import { applyCompanyPatch, applyFieldsPatch, type CompanyPatch, type ContactFieldsPatch } from '@/lib/domain/profile-edit';
import { type RecordFigures, recordFigures } from '@/lib/domain/profile-figures';
import type { Company } from '@/lib/domain/record';
import type { Deal } from '@/lib/domain/transactions';
import type { z } from 'zod';
import { companyMembers, companyOrDerived, linkCompany } from './companies';
import { fromStored, toStored } from './contacts';
import type { FichaDb } from './db';
import { type DealInput, dealsOf, deleteDeal, putDeal } from './deals';
import { Refusal } from './refusal';
import { rescoreContact } from './scores';

type ContactEmail = z.output<typeof ContactEmailSchema>;
type Phone = z.output<typeof PhoneSchema>;

export interface ProfileFigures extends RecordFigures {
  owner: string;
}

interface Deps {
  now?: () => number;
  newId?: () => string;
  user?: string;
}

export function profileService(db: FichaDb, { now = Date.now, newId = () => crypto.randomUUID(), user = '' }: Deps = {}) {
  // settings and stageHistory too: rescoring (and the rules built on it) may read them inside our transaction.
  const scope = [db.contacts, db.companies, db.deals, db.activities, db.settings, db.stageHistory];
  // The callback must itself be an async function: Dexie keeps the transaction alive across awaits only for those.
  const write = <T>(fn: () => Promise<T>) => db.transaction('rw', scope, async () => fn());

  async function load(contactId: string): Promise<Contact> {
    const stored = await db.contacts.get(contactId);
    if (!stored) throw new Refusal('not_found', `No contact with id ${contactId}`);
    return fromStored(stored);
  }

  /** Stores the contact and rescores it (fit reads title, emails, phones, persona, company facts). */
  async function save(contact: Contact): Promise<Contact> {
    await db.contacts.put(toStored(contact));
    await rescoreContact(db, contact.id, now());
    return load(contact.id);
  }

  /** A company edit reaches every contact of the domain: the name is theirs (and their search key), fit may change. */
  async function updateCompanyRow(domain: string, patch: CompanyPatch): Promise<{ company: Company; contacts: number }> {
    const current = await companyOrDerived(db, domain);
    if (!current) throw new Refusal('not_found', `No company with domain ${domain}`);
    const company = applyCompanyPatch(current, patch);
    await db.companies.put(company);
    const members = await companyMembers(db, domain);
    const at = now();
    for (const member of members) {
      if (member.company !== company.name) await db.contacts.put(toStored({ ...fromStored(member), company: company.name, updatedAt: at }));
      await rescoreContact(db, member.id, at);
    }
    return { company, contacts: members.length };
  }

  return {
    updateFields(contactId: string, patch: ContactFieldsPatch): Promise<Contact> {
      return write(async () => {
        const next = applyFieldsPatch(await load(contactId), patch, now());
        if (!next.companyDomain) return save(next);
        if (patch.company === undefined) return save(await linkCompany(db, next));
        // Renaming the company of a contact that has one renames the shared company, for all its contacts.
        if (!next.company) throw Refusal.invalid('patch.company', 'A company with a domain needs a name');
        await db.contacts.put(toStored(next));
        await updateCompanyRow(next.companyDomain, { name: next.company });
        return load(contactId);
      });
    },

    setEmails(contactId: string, emails: ContactEmail[]): Promise<Contact> {
      return write(async () => {
        const contact = await load(contactId);
        const owners = await db.contacts.where('emailKeys').anyOf(emails.map((e) => e.address)).toArray();
        for (const other of owners) {
          if (other.id === contactId) continue;
          const index = emails.findIndex((e) => other.emailKeys.includes(e.address));
          throw Refusal.invalid(`emails.${index}.address`, 'Another contact already has this address');
        }
        return save({ ...contact, emails, updatedAt: now() });
      });
    },

    setPhones(contactId: string, phones: Phone[]): Promise<Contact> {
      return write(async () => save({ ...(await load(contactId)), phones, updatedAt: now() }));
    },

    getCompany: (domain: string) => companyOrDerived(db, domain),

    updateCompany(domain: string, patch: CompanyPatch) {
      return write(() => updateCompanyRow(domain, patch));
    },

    listDeals: (contactId: string): Promise<Deal[]> => dealsOf(db, contactId),

    upsertDeal(input: DealInput): Promise<{ deal: Deal; contact: Contact }> {
      return write(async () => {
        await load(input.contactId);
        const deal = await putDeal(db, input, { now: now(), newId, user });
        await rescoreContact(db, deal.contactId, now());
        return { deal, contact: await load(deal.contactId) };
      });
    },

    removeDeal(id: string): Promise<{ removed: boolean; contact: Contact | null }> {
      return write(async () => {
        const deal = await deleteDeal(db, id);
        if (!deal) return { removed: false, contact: null };
        await rescoreContact(db, deal.contactId, now());
        return { removed: true, contact: await load(deal.contactId) };
      });
    },

    /** Relational figures from the timeline, money figures and RFM from the deals, as of now. */
    async figures(contactId: string): Promise<ProfileFigures> {
      return db.transaction('r', db.contacts, db.activities, db.deals, async () => {
        const contact = await load(contactId);
        const [activities, deals] = await Promise.all([
          db.activities.where('[targetId+occurredAt]').between([contactId, -Infinity], [contactId, Infinity]).toArray(),
          dealsOf(db, contactId),
        ]);
        return { ...recordFigures({ activities, deals, now: now() }), owner: contact.owner };
      });
    },
  };
}

export type ProfileService = ReturnType<typeof profileService>;
