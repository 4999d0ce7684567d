import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { templateFile } from '@/lib/domain/template-schema';
import { segmentsText } from '@/lib/domain/template';
import { DEFAULT_TEMPLATES } from '@/lib/domain/template-defaults';
import { startBackground } from './background-harness';

const newTemplate = { name: 'Quote follow-up', language: 'en', stages: ['opportunity'], body: 'Hi {{contact.firstName}}, about {{contact.title}}: {{cta.link}}', link: { url: 'https://ficha.app/quote', utm: true } };

describe('CTA templates through the background', () => {
  let bg: ReturnType<typeof startBackground>;
  let contactId: string;
  beforeEach(async () => {
    bg = startBackground();
    ({ contact: { id: contactId } } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } }));
  });

  it('seeds the defaults once; a deleted default stays deleted', async () => {
    const first = await send<'templates.list'>({ type: 'templates.list' });
    expect(first).toHaveLength(DEFAULT_TEMPLATES.length);
    const victim = first[0]!.id;
    await send({ type: 'templates.remove', id: victim });
    const after = await send<'templates.list'>({ type: 'templates.list' });
    expect(after.map((t) => t.id)).not.toContain(victim);
    expect(after).toHaveLength(DEFAULT_TEMPLATES.length - 1);
  });

  it('refuses a template with an unknown merge field, naming the field', async () => {
    const error = await send({ type: 'templates.save', template: { ...newTemplate, body: 'Hi {{contact.nickname}}' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_message' });
    expect(JSON.stringify((error as { details: unknown }).details)).toContain('Unknown merge field {{contact.nickname}}');
    expect((await send<'templates.list'>({ type: 'templates.list' })).some((t) => t.name === newTemplate.name)).toBe(false);
  });

  it('offers templates rendered for the contact, stage fits first, with missing fields blocking', async () => {
    await send({ type: 'contacts.changeStage', contactId, to: 'opportunity' });
    const saved = await send<'templates.save'>({ type: 'templates.save', template: newTemplate });
    const { templates: offered } = await send<'templates.forContact'>({ type: 'templates.forContact', contactId, language: 'en' });
    expect(offered[0]?.language).toBe('en');
    expect(offered.slice(0, 3).every((t) => t.fitsStage)).toBe(true);
    const mine = offered.find((t) => t.id === saved.id)!;
    expect(mine.missing).toEqual(['contact.title']);
    await send({ type: 'contacts.updateFields', contactId, patch: { title: 'CTO' } });
    const again = (await send<'templates.forContact'>({ type: 'templates.forContact', contactId, language: 'en' })).templates.find((t) => t.id === saved.id)!;
    expect(again.missing).toEqual([]);
    expect(segmentsText(again.body)).toContain('Hi Ana, about CTO: https://ficha.app/quote?utm_source=ficha');
  });

  it('prefers the contact language, then the rep usage', async () => {
    await send({ type: 'contacts.updateFields', contactId, patch: { language: 'es' } });
    const { templates: offered } = await send<'templates.forContact'>({ type: 'templates.forContact', contactId, language: 'en' });
    expect(offered[0]?.language).toBe('es');
    const leadEs = offered.filter((t) => t.language === 'es' && t.fitsStage);
    const second = leadEs[1]!;
    await send({ type: 'templates.recordInsert', contactId, templateId: second.id });
    const { templates: reranked } = await send<'templates.forContact'>({ type: 'templates.forContact', contactId, language: 'en' });
    expect(reranked[0]?.id).toBe(second.id);
  });

  it('renders only the best few when asked for a limit, counting all of them', async () => {
    const all = await send<'templates.forContact'>({ type: 'templates.forContact', contactId, language: 'en' });
    const top = await send<'templates.forContact'>({ type: 'templates.forContact', contactId, language: 'en', limit: 4 });
    expect(all.templates.length).toBeGreaterThan(4);
    expect(all.total).toBe(all.templates.length);
    expect(top.total).toBe(all.total);
    expect(top.templates).toEqual(all.templates.slice(0, 4));
  });

  it('records an insert on the timeline and in the score, unless the contact may not be logged', async () => {
    const [first] = await send<'templates.list'>({ type: 'templates.list' });
    const before = (await send<'contacts.get'>({ type: 'contacts.get', id: contactId })).leadScore;
    const { activity } = await send<'templates.recordInsert'>({ type: 'templates.recordInsert', contactId, templateId: first!.id, threadId: 't1' });
    expect(activity).toMatchObject({ type: 'cta.inserted', summary: first!.name, data: { templateId: first!.id, threadId: 't1' } });
    expect((await send<'contacts.get'>({ type: 'contacts.get', id: contactId })).leadScore).toBeGreaterThan(before);

    await send({ type: 'settings.update', settings: { neverLog: ['clientco.com'] } });
    const blocked = await send<'templates.recordInsert'>({ type: 'templates.recordInsert', contactId, templateId: first!.id });
    expect(blocked.activity).toBeNull();
    expect(await bg.db.activities.where('type').equals('cta.inserted').count()).toBe(1);
  });

  it('duplicates after the source, reorders, and round-trips through the JSON file', async () => {
    const list = await send<'templates.list'>({ type: 'templates.list' });
    const copy = await send<'templates.duplicate'>({ type: 'templates.duplicate', id: list[2]!.id });
    const withCopy = await send<'templates.list'>({ type: 'templates.list' });
    expect(withCopy[3]?.id).toBe(copy.id);
    expect(copy.name).toBe(`${list[2]!.name} (copy)`);

    const reordered = await send<'templates.reorder'>({ type: 'templates.reorder', ids: [list[5]!.id, list[0]!.id] });
    expect(reordered.slice(0, 2).map((t) => t.id)).toEqual([list[5]!.id, list[0]!.id]);

    const file = templateFile(reordered);
    const { imported } = await send<'templates.import'>({ type: 'templates.import', file, mode: 'replace' });
    expect(imported).toBe(reordered.length);
    const back = await send<'templates.list'>({ type: 'templates.list' });
    expect(back.map((t) => [t.id, t.name, t.body])).toEqual(reordered.map((t) => [t.id, t.name, t.body]));
  });

  it('refuses a malformed import file and changes nothing', async () => {
    const before = await send<'templates.list'>({ type: 'templates.list' });
    const file = { format: 'ficha.templates', version: 1, templates: [{ name: '', language: 'en', body: 'x' }] };
    await expect(send({ type: 'templates.import', file, mode: 'replace' } as never)).rejects.toMatchObject({ code: 'invalid_message' });
    expect(await send<'templates.list'>({ type: 'templates.list' })).toEqual(before);
  });
});

describe('seeding', () => {
  it('lists the defaults of the browser language first', async () => {
    const { FichaDb } = await import('@/lib/storage/db');
    const { templateRepository } = await import('@/lib/storage/templates');
    const db = new FichaDb(`seed-${crypto.randomUUID()}`);
    const list = await templateRepository(db, { uiLanguage: 'es-ES' }).list();
    const firstEn = list.findIndex((t) => t.language === 'en');
    expect(list.slice(0, firstEn).every((t) => t.language === 'es')).toBe(true);
    expect(firstEn).toBe(DEFAULT_TEMPLATES.filter((t) => t.language === 'es').length);
  });
});
