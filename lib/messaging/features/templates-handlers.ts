// Handlers for the template messages declared in ./templates.ts.
import { renderTemplate } from '@/lib/domain/template';
import { mergeDataFor } from '@/lib/domain/template-fields';
import { rankTemplates, stageFit } from '@/lib/domain/template-rank';
import type { ContactRepository } from '@/lib/storage/contacts';
import type { FichaDb } from '@/lib/storage/db';
import type { RecordService } from '@/lib/storage/record';
import type { SettingsRepository } from '@/lib/storage/settings';
import type { TemplateRepository } from '@/lib/storage/templates';
import { FichaError } from '../errors';
import type { HandlersFor } from '../protocol';
import type { TemplateResponses } from './templates';

interface Deps {
  templates: TemplateRepository;
  contacts: ContactRepository;
  settings: SettingsRepository;
  record: RecordService;
  db: FichaDb;
}

export function templateHandlers({ templates, contacts, settings, record, db }: Deps): HandlersFor<keyof TemplateResponses> {
  const requireContact = async (id: string) => {
    const contact = await contacts.get(id);
    if (!contact) throw new FichaError('not_found', `No contact with id ${id}`);
    return contact;
  };
  return {
    'templates.list': () => templates.list(),
    'templates.save': ({ template }) => templates.save(template),
    'templates.duplicate': async ({ id }) => {
      const copy = await templates.duplicate(id, '(copy)');
      if (!copy) throw new FichaError('not_found', `No template with id ${id}`);
      return copy;
    },
    'templates.remove': async ({ id }) => ({ removed: await templates.remove(id) }),
    'templates.reorder': ({ ids }) => templates.reorder(ids),
    'templates.import': ({ file, mode }) => templates.importFile(file, mode),
    'templates.forContact': async ({ contactId, selfEmail, language, limit }) => {
      const contact = await requireContact(contactId);
      const [list, usage, { sender }, company] = await Promise.all([
        templates.list(),
        templates.usage(),
        settings.get(),
        contact.companyDomain ? db.companies.get(contact.companyDomain) : undefined,
      ]);
      const data = mergeDataFor(contact, company ?? null, { ...sender, email: selfEmail ?? '' });
      const stage = contact.lifecycleStage;
      const ranked = rankTemplates(list, { stage, language: contact.profile.general.language ?? language }, usage);
      // Only those asked for are rendered and sent: the card's folded list is 4 of them, on every thread switch.
      const offered = ranked.slice(0, limit ?? ranked.length).map((t) => {
        const rendered = renderTemplate(t, data);
        return { id: t.id, name: t.name, language: t.language, tags: t.tags, fitsStage: stageFit(t, stage) === 2, ...rendered };
      });
      return { templates: offered, total: ranked.length };
    },
    'templates.recordInsert': async ({ contactId, templateId, threadId }) => {
      const policy = await record.logPolicy(contactId);
      if (!policy) throw new FichaError('not_found', `No contact with id ${contactId}`);
      if (!policy.allowed) return { activity: null };
      const template = await templates.get(templateId);
      if (!template) throw new FichaError('not_found', `No template with id ${templateId}`);
      return { activity: await templates.recordInsert({ contactId, templateId, templateName: template.name, threadId }) };
    },
  };
}
