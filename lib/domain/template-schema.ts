// What a stored CTA template is, and what the manager, the import file and sync accept.
import { z } from 'zod';
import { StageIdSchema } from './contact';
import { HttpUrlSchema, LanguageSchema } from './record';
import { parseTemplate } from './template';
import { isKnownField } from './template-fields';

const text = (max: number, what: string) => z.string().trim().max(max, `${what} is too long (max ${max})`);

/** Syntax and field names are checked where the text is written, so the error points at subject or body. */
function checkSource(value: string, ctx: z.RefinementCtx) {
  const { parts, issues } = parseTemplate(value);
  for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message });
  for (const part of parts) {
    if (part.kind === 'field' && !isKnownField(part.path)) ctx.addIssue({ code: 'custom', message: `Unknown merge field {{${part.path}}}` });
  }
}

export const TemplateFieldsSchema = z.object({
  name: text(120, 'Name').min(1, 'A template needs a name'),
  /** Stage ids the template suits; empty means any stage. */
  stages: z.array(StageIdSchema).max(20).default([]),
  language: LanguageSchema,
  subject: text(300, 'Subject').default('').superRefine(checkSource),
  body: z.string().max(5000, 'Body is too long (max 5000)').refine((b) => b.trim().length > 0, 'A template needs a body').superRefine(checkSource),
  link: z.object({ url: HttpUrlSchema, utm: z.boolean().default(true) }).nullable().default(null),
  tags: z.array(text(40, 'Tag').min(1)).max(20).default([]),
});

export const TemplateSchema = TemplateFieldsSchema.extend({
  id: z.string().min(1).max(64),
  /** Position in the rep's list (the manager's reorder); lower first. */
  order: z.number().int(),
  /** Shipped with Ficha; editable and deletable like any other. */
  builtIn: z.boolean().default(false),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type CtaTemplate = z.infer<typeof TemplateSchema>;
export type TemplateFields = z.input<typeof TemplateFieldsSchema>;

/** The export/import file: versioned so a future format can be told apart. */
export const TemplateFileSchema = z.object({
  format: z.literal('ficha.templates', { error: 'Not a Ficha templates file (format must be "ficha.templates")' }),
  version: z.literal(1, { error: 'Unsupported templates file version (expected 1)' }),
  templates: z.array(TemplateFieldsSchema.extend({ id: z.string().min(1).max(64).optional() })).max(1000, 'At most 1000 templates per file'),
});
export type TemplateFile = z.infer<typeof TemplateFileSchema>;

export function templateFile(templates: readonly CtaTemplate[]): TemplateFile {
  return {
    format: 'ficha.templates',
    version: 1,
    templates: templates.map(({ id, name, stages, language, subject, body, link, tags }) => ({ id, name, stages, language, subject, body, link, tags })),
  };
}
