// How an imported row becomes a contact, or merges into one that exists: keep existing, overwrite, or fill blanks.
import { z } from 'zod';
import { type Contact, ContactSchema } from './contact';
import { DEFAULT_PRIVACY } from './consent';
import { companyFromEmail, nameFromEmail } from './names';
import type { ImportRecord } from './csv-mapping';

export const MERGE_POLICIES = ['fill', 'overwrite', 'keep'] as const;
export type MergePolicy = (typeof MERGE_POLICIES)[number];

const str = (max: number) => z.string().max(max);
/** The wire shape of an import record (the page parses and maps; the background validates again before writing). */
export const ImportRecordSchema = z.object({
  row: z.number().int().nonnegative(),
  emails: z.array(z.string().max(320)).min(1).max(20),
  firstName: str(100),
  lastName: str(100),
  company: str(200),
  title: str(200),
  phones: z.array(z.string().max(40)).max(10),
  stage: z.string().max(40).nullable(),
  owner: str(254),
  createdAt: z.number().int().nonnegative().nullable(),
  tags: z.array(z.string().max(60)).max(50),
  website: str(2048),
  location: str(200),
}) satisfies z.ZodType<ImportRecord>;

/** A new contact from an imported row; the company is the row's, else guessed from the address (none for free mail). */
export function contactFromImport(record: ImportRecord, meta: { id: string; now: number; stage: string }): Contact {
  const [primary, ...others] = record.emails;
  if (!primary) throw new Error('An import record needs an email');
  const guessed = companyFromEmail(primary);
  const names = record.firstName || record.lastName ? { firstName: record.firstName, lastName: record.lastName } : nameFromEmail(primary);
  return ContactSchema.parse({
    id: meta.id,
    emails: [{ address: primary, primary: true }, ...others.map((address) => ({ address, primary: false }))],
    firstName: names.firstName.slice(0, 100),
    lastName: names.lastName.slice(0, 100),
    company: record.company || guessed?.name || '',
    companyDomain: guessed?.domain ?? '',
    title: record.title,
    phones: record.phones.map((number, i) => ({ number, label: i === 0 ? 'work' : 'other' })),
    lifecycleStage: record.stage ?? meta.stage,
    leadScore: 0,
    leadGrade: 'C3',
    owner: record.owner,
    privacy: DEFAULT_PRIVACY,
    autoLog: false,
    tags: record.tags,
    profile: {
      general: record.location ? { location: record.location } : {},
      contactData: record.website ? { website: record.website } : {},
    },
    createdAt: record.createdAt ?? meta.now,
    updatedAt: meta.now,
  });
}

/**
 * Merges a row into an existing contact. `fill` sets only blank fields, `overwrite` replaces fields the row has a
 * value for (an empty cell never blanks a field), `keep` changes nothing. Addresses the row adds (and that nobody
 * else owns: `freeEmails`) join as secondary; tags are added under fill and overwrite.
 */
export function mergeImport(existing: Contact, record: ImportRecord, policy: MergePolicy, meta: { now: number; freeEmails: readonly string[] }): Contact {
  if (policy === 'keep') return existing;
  const pick = (current: string, incoming: string) => (!incoming ? current : policy === 'overwrite' || !current ? incoming : current);
  const have = new Set(existing.emails.map((e) => e.address));
  const added = meta.freeEmails.filter((e) => !have.has(e)).map((address) => ({ address, primary: false }));
  const phones =
    record.phones.length === 0 || (policy === 'fill' && existing.phones.length > 0)
      ? existing.phones
      : record.phones.map((number, i) => ({ number, label: existing.phones[i]?.label ?? (i === 0 ? 'work' : 'other') }));
  const general = existing.profile.general;
  const contactData = existing.profile.contactData;
  const location = pick(general.location ?? '', record.location);
  const site = pick(contactData.website ?? '', record.website);
  const merged: Contact = {
    ...existing,
    emails: [...existing.emails, ...added].slice(0, 20),
    firstName: pick(existing.firstName, record.firstName),
    lastName: pick(existing.lastName, record.lastName),
    company: pick(existing.company, record.company),
    title: pick(existing.title, record.title),
    owner: pick(existing.owner, record.owner),
    phones,
    lifecycleStage: policy === 'overwrite' && record.stage ? record.stage : existing.lifecycleStage,
    tags: [...new Set([...existing.tags, ...record.tags])].slice(0, 50),
    profile: {
      ...existing.profile,
      general: { ...general, ...(location ? { location } : {}) },
      contactData: { ...contactData, ...(site ? { website: site } : {}) },
    },
    updatedAt: meta.now,
  };
  if (!merged.companyDomain) {
    const guessed = companyFromEmail(merged.emails[0]?.address ?? '');
    if (guessed) merged.companyDomain = guessed.domain;
  }
  return merged;
}

/** Whether a merge changed anything worth writing (updatedAt aside). */
export function mergeChanged(before: Contact, after: Contact): boolean {
  return JSON.stringify({ ...before, updatedAt: 0 }) !== JSON.stringify({ ...after, updatedAt: 0 });
}
