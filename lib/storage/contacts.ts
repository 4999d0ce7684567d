// Contact repository: the only code that reads or writes the contacts table.
import { type Contact, ContactSchema, contactFromHeader, type NewContactInput, NewContactInputSchema } from '@/lib/domain/contact';
import { DEFAULT_PRIVACY } from '@/lib/domain/consent';
import { normaliseEmail } from '@/lib/domain/email';
import { ContactProfileSchema } from '@/lib/domain/record';
import { queryWords, searchKeysFor } from '@/lib/domain/search';
import { linkCompany } from './companies';
import type { FichaDb, StoredContact } from './db';

export function toStored(contact: Contact): StoredContact {
  const emails = contact.emails.map((e) => e.address);
  return {
    ...contact,
    emailKeys: emails,
    // The title is searchable too: reps look people up by role ("cfo", "director compras").
    searchKeys: searchKeysFor({ names: [contact.firstName, contact.lastName, contact.company, contact.title], emails }),
  };
}

export function fromStored(stored: StoredContact): Contact {
  const { emailKeys: _e, searchKeys: _s, ...contact } = stored;
  // Records written by earlier versions lack later fields; read them with the schema's defaults.
  return {
    ...contact,
    leadGrade: contact.leadGrade ?? 'C3',
    privacy: contact.privacy ?? DEFAULT_PRIVACY, autoLog: contact.autoLog ?? false,
    profile: contact.profile ?? ContactProfileSchema.parse({}),
  };
}

export interface ContactRepositoryDeps {
  newId?: () => string;
  now?: () => number;
}

export function contactRepository(db: FichaDb, deps: ContactRepositoryDeps = {}) {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const now = deps.now ?? Date.now;

  return {
    /** Each requested address mapped to its contact, or null when nobody has it. */
    async lookup(emails: string[]): Promise<Record<string, Contact | null>> {
      const wanted = [...new Set(emails.map(normaliseEmail))];
      const result: Record<string, Contact | null> = Object.fromEntries(wanted.map((e) => [e, null]));
      if (wanted.length === 0) return result;
      // One index read per address, without a wrapping transaction: measured fastest for the few addresses a thread has.
      const found = await Promise.all(wanted.map((email) => db.contacts.where('emailKeys').equals(email).first()));
      for (const stored of found) {
        if (!stored) continue;
        for (const key of stored.emailKeys) if (key in result) result[key] = fromStored(stored);
      }
      return result;
    },

    async get(id: string): Promise<Contact | null> {
      const stored = await db.contacts.get(id);
      return stored ? fromStored(stored) : null;
    },

    /** Creates a contact from a header; idempotent per address (two tabs clicking at once make one contact). */
    async createFromHeader(input: NewContactInput, stage?: string): Promise<{ contact: Contact; created: boolean }> {
      const { email, displayName } = NewContactInputSchema.parse(input);
      return db.transaction('rw', db.contacts, db.companies, async () => {
        const existing = await db.contacts.where('emailKeys').equals(email).first();
        if (existing) return { contact: fromStored(existing), created: false };
        // A colleague of someone already stored joins their company (and takes its name) instead of a fresh guess.
        const contact = await linkCompany(db, contactFromHeader({ email, displayName }, { id: newId(), now: now(), stage }));
        await db.contacts.add(toStored(contact));
        return { contact, created: true };
      });
    },

    /** Prefix search over names, company and addresses; every query word must match a key's start. */
    async search(query: string, limit: number): Promise<Contact[]> {
      const [first, ...rest] = queryWords(query);
      if (!first) {
        const recent = await db.contacts.orderBy('updatedAt').reverse().limit(limit).toArray();
        return recent.map(fromStored);
      }
      const matches = await db.contacts
        .where('searchKeys')
        .startsWith(first)
        .filter((c) => rest.every((word) => c.searchKeys.some((key) => key.startsWith(word))))
        .distinct()
        .limit(limit)
        .toArray();
      return matches.map(fromStored);
    },

    count(): Promise<number> {
      return db.contacts.count();
    },

    /** Validated bulk write of whole contacts in one transaction: all of the batch or none of it. */
    async putMany(batch: Contact[]): Promise<number> {
      const stored = batch.map((c) => toStored(ContactSchema.parse(c)));
      await db.contacts.bulkPut(stored);
      return stored.length;
    },
  };
}

export type ContactRepository = ReturnType<typeof contactRepository>;
