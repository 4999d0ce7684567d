// CTA template messages: the manager's list and edits, import/export, and what the sidebar offers for a contact.
import { z } from 'zod';
import { type CtaTemplate, TemplateFieldsSchema, TemplateFileSchema } from '@/lib/domain/template-schema';
import type { Segment } from '@/lib/domain/template';
import type { Activity } from '@/lib/domain/activity';

const Id = z.string().min(1).max(64);

export const templateRequests = [
  z.object({ type: z.literal('templates.list') }),
  z.object({ type: z.literal('templates.save'), template: TemplateFieldsSchema.extend({ id: Id.optional() }) }),
  z.object({ type: z.literal('templates.duplicate'), id: Id }),
  z.object({ type: z.literal('templates.remove'), id: Id }),
  z.object({ type: z.literal('templates.reorder'), ids: z.array(Id).max(5000) }),
  z.object({ type: z.literal('templates.import'), file: TemplateFileSchema, mode: z.enum(['add', 'replace']).default('add') }),
  // Rendered for one contact: `language` is the UI's, used when the contact has none on record. `limit`: only the
  // best few (the card's folded list), with the count of all.
  z.object({
    type: z.literal('templates.forContact'),
    contactId: Id,
    selfEmail: z.string().max(320).nullable().default(null),
    language: z.string().max(35).default('en'),
    limit: z.number().int().min(1).max(5000).optional(),
  }),
  z.object({ type: z.literal('templates.recordInsert'), contactId: Id, templateId: Id, threadId: z.string().max(200).nullable().default(null) }),
] as const satisfies readonly z.ZodObject[];

/** A template as the sidebar shows it: already rendered for the contact, best first. */
export interface SuggestedTemplate {
  id: string;
  name: string;
  language: string;
  tags: string[];
  /** Names the contact's stage (not just "any stage"). */
  fitsStage: boolean;
  subject: Segment[];
  body: Segment[];
  missing: string[];
}

export interface TemplateResponses {
  'templates.list': CtaTemplate[];
  'templates.save': CtaTemplate;
  'templates.duplicate': CtaTemplate;
  'templates.remove': { removed: boolean };
  'templates.reorder': CtaTemplate[];
  'templates.import': { imported: number };
  /** Best first; `total` counts every template offered, also those past the request's `limit`. */
  'templates.forContact': { templates: SuggestedTemplate[]; total: number };
  /** null when the contact may not be logged (never-log list, opted out): the insert happened, nothing was recorded. */
  'templates.recordInsert': { activity: Activity | null };
}
