// CTA templates: the rep's list (seeded once with the defaults), the manager's edits, import/export, and the
// insert record (timeline event + usage + rescore in one transaction).
import type { Activity } from '@/lib/domain/activity';
import { type CtaTemplate, type TemplateFields, TemplateFieldsSchema, type TemplateFile } from '@/lib/domain/template-schema';
import { DEFAULT_TEMPLATES } from '@/lib/domain/template-defaults';
import type { TemplateUsage } from '@/lib/domain/template-rank';
import type { FichaDb } from './db';
import { rescoreContact } from './scores';

interface Deps {
  now?: () => number;
  newId?: () => string;
  user?: string;
  /** The browser's UI language: its defaults are listed first when the list is seeded. */
  uiLanguage?: string;
}

export type ImportMode = 'add' | 'replace';

export function templateRepository(db: FichaDb, { now = Date.now, newId = () => crypto.randomUUID(), user = '', uiLanguage = 'en' }: Deps = {}) {
  const base = uiLanguage.toLowerCase().split('-')[0];
  const seedOrder = [...DEFAULT_TEMPLATES].sort((a, b) => Number(b.language === base) - Number(a.language === base));

  async function seedOnce(): Promise<void> {
    if (await db.settings.get('templatesSeeded')) return;
    await db.transaction('rw', db.templates, db.settings, async () => {
      if (await db.settings.get('templatesSeeded')) return; // another caller seeded while we waited
      const at = now();
      const rows = seedOrder.map(({ key, ...fields }, i): CtaTemplate => ({
        ...TemplateFieldsSchema.parse(fields),
        id: `default.${key}`,
        order: i,
        builtIn: true,
        createdAt: at,
        updatedAt: at,
      }));
      await db.templates.bulkPut(rows);
      await db.settings.put({ key: 'templatesSeeded', value: true });
    });
  }

  async function list(): Promise<CtaTemplate[]> {
    await seedOnce();
    return db.templates.orderBy('order').toArray();
  }

  async function nextOrder(): Promise<number> {
    const last = await db.templates.orderBy('order').last();
    return last ? last.order + 1 : 0;
  }

  return {
    list,

    async usage(): Promise<Map<string, TemplateUsage>> {
      return new Map((await db.templateUsage.toArray()).map((u) => [u.templateId, u]));
    },

    get: (id: string) => db.templates.get(id),

    /** Creates (no id) or replaces one template; fields are validated, unknown merge fields refused. */
    async save(input: TemplateFields & { id?: string }): Promise<CtaTemplate> {
      const fields = TemplateFieldsSchema.parse(input);
      return db.transaction('rw', db.templates, async () => {
        const existing = input.id ? await db.templates.get(input.id) : undefined;
        const at = now();
        const row: CtaTemplate = existing
          ? { ...existing, ...fields, updatedAt: at }
          : { ...fields, id: input.id ?? newId(), order: await nextOrder(), builtIn: false, createdAt: at, updatedAt: at };
        await db.templates.put(row);
        return row;
      });
    },

    async duplicate(id: string, copySuffix: string): Promise<CtaTemplate | null> {
      return db.transaction('rw', db.templates, async () => {
        const source = await db.templates.get(id);
        if (!source) return null;
        const at = now();
        // The copy goes right after its source; later templates move down one.
        const after = await db.templates.where('order').above(source.order).toArray();
        await db.templates.bulkPut(after.map((t) => ({ ...t, order: t.order + 1 })));
        const copy: CtaTemplate = { ...source, id: newId(), name: `${source.name} ${copySuffix}`.slice(0, 120), order: source.order + 1, builtIn: false, createdAt: at, updatedAt: at };
        await db.templates.add(copy);
        return copy;
      });
    },

    async remove(id: string): Promise<boolean> {
      return db.transaction('rw', db.templates, db.templateUsage, async () => {
        const existed = (await db.templates.where('id').equals(id).count()) > 0;
        await db.templates.delete(id);
        await db.templateUsage.delete(id);
        return existed;
      });
    },

    /** Puts the given ids first, in that order; ids not named keep their relative order after them. */
    async reorder(ids: readonly string[]): Promise<CtaTemplate[]> {
      return db.transaction('rw', db.templates, async () => {
        const all = await db.templates.orderBy('order').toArray();
        const byId = new Map(all.map((t) => [t.id, t]));
        const named = ids.flatMap((id) => byId.get(id) ?? []);
        const rest = all.filter((t) => !ids.includes(t.id));
        const next = [...named, ...rest].map((t, order) => ({ ...t, order }));
        await db.templates.bulkPut(next);
        return next;
      });
    },

    /** `replace` swaps the whole list; `add` keeps it and adds the file's templates (same id → updated). */
    async importFile(file: TemplateFile, mode: ImportMode): Promise<{ imported: number }> {
      await seedOnce();
      return db.transaction('rw', db.templates, async () => {
        if (mode === 'replace') await db.templates.clear();
        let order = await nextOrder();
        const at = now();
        const rows: CtaTemplate[] = [];
        for (const { id, ...fields } of file.templates) {
          const existing = id ? await db.templates.get(id) : undefined;
          rows.push(existing ? { ...existing, ...fields, updatedAt: at } : { ...fields, id: id ?? newId(), order: order++, builtIn: false, createdAt: at, updatedAt: at });
        }
        await db.templates.bulkPut(rows);
        return { imported: rows.length };
      });
    },

    /** The insert as an engagement event: timeline row, the rep's usage count and the score move together. */
    async recordInsert(input: { contactId: string; templateId: string; templateName: string; threadId: string | null }): Promise<Activity> {
      return db.transaction('rw', [db.activities, db.templateUsage, db.contacts, db.settings, db.companies], async () => {
        const at = now();
        const id = newId();
        const activity: Activity = {
          id,
          key: `cta:${id}`,
          type: 'cta.inserted',
          targetType: 'contact',
          targetId: input.contactId,
          occurredAt: at,
          createdAt: at,
          createdBy: user,
          summary: input.templateName.slice(0, 500),
          data: { templateId: input.templateId, threadId: input.threadId },
        };
        await db.activities.add(activity);
        const used = await db.templateUsage.get(input.templateId);
        await db.templateUsage.put({ templateId: input.templateId, count: (used?.count ?? 0) + 1, lastUsedAt: at });
        await rescoreContact(db, input.contactId, at);
        return activity;
      });
    },
  };
}

export type TemplateRepository = ReturnType<typeof templateRepository>;
