// What a search result list shows of a contact (popup, options, the sidebar's Find a contact): served from the
// background's memory, without reading the contact's row, so a keystroke never waits for IndexedDB.
import type { Contact } from './contact';
import { primaryEmail } from './person';

export interface ContactSummary {
  id: string;
  firstName: string;
  lastName: string;
  /** The primary address. */
  email: string;
  company: string;
  title: string;
  lifecycleStage: string;
  leadScore: number;
  leadGrade: string;
}

export function summaryOf(c: Pick<Contact, 'id' | 'firstName' | 'lastName' | 'emails' | 'company' | 'title' | 'lifecycleStage' | 'leadScore' | 'leadGrade'>): ContactSummary {
  const { id, firstName, lastName, company, title, lifecycleStage, leadScore, leadGrade } = c;
  return { id, firstName, lastName, email: primaryEmail(c), company, title, lifecycleStage, leadScore, leadGrade };
}
