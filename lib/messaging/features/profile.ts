// Profile editing messages (the five blocks of the customer record, companies, deals). Spread into protocol.ts.
// Each feature keeps its schemas, response types and handlers together so features can grow without one huge file.
// Field schemas come from the domain, so an invalid value is refused with `details: [{ path, message }]` whose
// path names the field (`patch.title`, `phones.0.number`, `deal.amount`): the sidebar shows it next to that field.
import { z } from 'zod';
import { type Contact, ContactSchema } from '@/lib/domain/contact';
import { CompanyPatchSchema, ContactFieldsPatchSchema } from '@/lib/domain/profile-edit';
import { type Company, CompanySchema } from '@/lib/domain/record';
import { type Deal, DealSchema } from '@/lib/domain/transactions';
import type { ProfileFigures } from '@/lib/storage/profile';

const Id = z.string().min(1).max(64);
const Domain = CompanySchema.shape.domain;

export const profileRequests = [
  z.object({ type: z.literal('contacts.updateFields'), contactId: Id, patch: ContactFieldsPatchSchema }),
  z.object({ type: z.literal('contacts.setEmails'), contactId: Id, emails: ContactSchema.shape.emails }),
  z.object({ type: z.literal('contacts.setPhones'), contactId: Id, phones: ContactSchema.shape.phones }),
  z.object({ type: z.literal('contacts.recordFigures'), contactId: Id }),
  z.object({ type: z.literal('companies.get'), domain: Domain }),
  z.object({ type: z.literal('companies.update'), domain: Domain, patch: CompanyPatchSchema }),
  z.object({ type: z.literal('deals.list'), contactId: Id }),
  // The date is checked against the background's clock (no future deals) when the deal is stored.
  z.object({ type: z.literal('deals.upsert'), deal: DealSchema.extend({ id: DealSchema.shape.id.optional() }) }),
  z.object({ type: z.literal('deals.remove'), id: Id }),
] as const satisfies readonly z.ZodObject[];

export interface ProfileResponses {
  'contacts.updateFields': Contact;
  'contacts.setEmails': Contact;
  'contacts.setPhones': Contact;
  'contacts.recordFigures': ProfileFigures;
  'companies.get': Company | null;
  /** `contacts`: how many contacts share the company (all were renamed and rescored as needed). */
  'companies.update': { company: Company; contacts: number };
  'deals.list': Deal[];
  'deals.upsert': { deal: Deal; contact: Contact };
  'deals.remove': { removed: boolean; contact: Contact | null };
}
