import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { renderTemplate, segmentsText } from '@/lib/domain/template';
import { DEFAULT_TEMPLATES } from '@/lib/domain/template-defaults';
import { mergeDataFor } from '@/lib/domain/template-fields';
import { rankTemplates } from '@/lib/domain/template-rank';
import { TemplateFieldsSchema } from '@/lib/domain/template-schema';
import { DEFAULT_STAGE_IDS } from '@/lib/domain/stage-ids';

const noSender = { firstName: '', lastName: '', signature: '', email: '' };

describe('default templates', () => {
  const minimal = contactFromHeader({ email: 'x@gmail.com' }, { id: 'c', now: 0 });
  const bare = { ...minimal, firstName: '', lastName: '', company: '' };

  it.each(DEFAULT_TEMPLATES.map((t) => [t.key, t] as const))('%s is valid and renders for a contact known only by address', (_key, t) => {
    expect(TemplateFieldsSchema.safeParse(t).success).toBe(true);
    const r = renderTemplate(TemplateFieldsSchema.parse(t), mergeDataFor(bare, null, noSender));
    expect(r.missing).toEqual([]);
    // No greeting collapses into "Hi ," / "Hola, !".
    expect(segmentsText(r.body)).not.toMatch(/\s[,:!]/);
  });

  it('ship at least one template per default stage, in English and in Spanish', () => {
    for (const language of ['en', 'es']) {
      for (const stage of DEFAULT_STAGE_IDS) {
        expect(DEFAULT_TEMPLATES.some((t) => t.language === language && t.stages?.includes(stage)), `${language}/${stage}`).toBe(true);
      }
    }
  });
});

describe('rendering properties', () => {
  const value = fc.string({ maxLength: 40 });
  it('a field with a value renders that value verbatim (trimmed), whatever it contains', () => {
    fc.assert(
      fc.property(value, (firstName) => {
        const contact = { ...contactFromHeader({ email: 'a@b.co' }, { id: 'c', now: 0 }), firstName };
        const r = renderTemplate({ name: 't', subject: '', body: 'Hi {{contact.firstName | default: "there"}}!', link: null }, mergeDataFor(contact, null, noSender));
        expect(segmentsText(r.body)).toBe(`Hi ${firstName.trim() || 'there'}!`);
        expect(r.body.every((s) => s.kind === 'text')).toBe(true);
      }),
    );
  });

  it('one line of text without tokens renders to itself', () => {
    const line = fc.string().filter((s) => !/\{\{|\}\}|[\r\n]/.test(s) && s === s.trimEnd());
    fc.assert(
      fc.property(line, (body) => {
        expect(segmentsText(renderTemplate({ name: 't', subject: '', body, link: null }, {}).body)).toBe(body);
      }),
    );
  });

  it('ranking is a permutation, and a template naming the stage beats one that does not (same language, no usage)', () => {
    const template = fc.record({ id: fc.uuid(), name: fc.string(), stages: fc.subarray([...DEFAULT_STAGE_IDS]), language: fc.constantFrom('en', 'es'), tags: fc.constant([]), order: fc.integer() });
    fc.assert(
      fc.property(fc.uniqueArray(template, { selector: (t) => t.id, maxLength: 20 }), fc.constantFrom(...DEFAULT_STAGE_IDS), (list, stage) => {
        const ranked = rankTemplates(list, { stage, language: 'en' }, new Map());
        expect(ranked.map((t) => t.id).sort()).toEqual(list.map((t) => t.id).sort());
        const en = ranked.filter((t) => t.language === 'en');
        const firstMiss = en.findIndex((t) => !t.stages.includes(stage));
        const lastHit = en.findLastIndex((t) => t.stages.includes(stage));
        if (firstMiss >= 0 && lastHit >= 0) expect(lastHit).toBeLessThan(firstMiss);
      }),
    );
  });
});
