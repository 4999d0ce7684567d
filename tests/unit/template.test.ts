import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { ctaUrl, fieldsOf, parseTemplate, renderTemplate, segmentsText } from '@/lib/domain/template';
import { mergeDataFor } from '@/lib/domain/template-fields';
import { TemplateFieldsSchema, TemplateFileSchema } from '@/lib/domain/template-schema';

const sender = { firstName: 'Luis', lastName: 'Gil', signature: 'Luis Gil · Ventas', email: 'luis@ficha.app' };
const ana = { ...contactFromHeader({ email: 'ana@clientco.com', displayName: 'Ana Ruiz' }, { id: 'c1', now: 0 }), title: '' };
const data = mergeDataFor(ana, null, sender);
const tpl = (body: string, extra: Partial<{ subject: string; link: { url: string; utm: boolean } | null; name: string }> = {}) => ({
  name: 'Trial offer',
  subject: '',
  link: null,
  ...extra,
  body,
});

describe('parseTemplate', () => {
  it('reads fields with and without fallbacks, in either quote style', () => {
    const { parts, issues } = parseTemplate(`Hi {{ contact.firstName | default: "there" }}, from {{sender.firstName}} at {{company.name | default: 'us'}}`);
    expect(issues).toEqual([]);
    expect(parts.filter((p) => p.kind === 'field')).toEqual([
      { kind: 'field', path: 'contact.firstName', fallback: 'there' },
      { kind: 'field', path: 'sender.firstName', fallback: null },
      { kind: 'field', path: 'company.name', fallback: 'us' },
    ]);
  });

  it('reports bad tokens and stray braces instead of throwing', () => {
    expect(parseTemplate('Hi {{contact.firstName | upper}}').issues[0]?.message).toMatch(/default: "text"/);
    expect(parseTemplate('Hi {{ first name }}').issues[0]?.message).toMatch(/not a field name/);
    expect(parseTemplate('Hi {{contact.firstName').issues[0]?.message).toMatch(/Unclosed/);
    expect(parseTemplate('Hi }} there').issues).toHaveLength(1);
  });

  it('lists the fields a template uses, once each', () => {
    expect(fieldsOf({ subject: '{{contact.firstName}}', body: '{{contact.firstName}} {{contact.company}}' })).toEqual(['contact.firstName', 'contact.company']);
  });
});

describe('renderTemplate', () => {
  it('fills values, uses fallbacks only for blank values', () => {
    const r = renderTemplate(tpl('Hi {{contact.firstName | default: "there"}}, {{contact.title | default: "friend"}}. {{sender.firstName}}'), data);
    expect(segmentsText(r.body)).toBe('Hi Ana, friend. Luis');
    expect(r.missing).toEqual([]);
  });

  it('blocks on a field with no value and no fallback, and marks it in place', () => {
    const r = renderTemplate(tpl('Hi {{contact.firstName}}, as {{contact.title}} you…', { subject: 'For {{contact.title}}' }), data);
    expect(r.missing).toEqual(['contact.title']);
    expect(r.body.filter((s) => s.kind === 'missing')).toEqual([{ kind: 'missing', path: 'contact.title' }]);
    expect(r.subject).toEqual([{ kind: 'text', text: 'For ' }, { kind: 'missing', path: 'contact.title' }]);
  });

  it('never turns contact data into markup or links', () => {
    const hostile = { ...ana, firstName: '<img src=x onerror=alert(1)>', company: 'https://evil.example/phish' };
    const r = renderTemplate(tpl('Hi {{contact.firstName}} of {{contact.company}}'), mergeDataFor(hostile, null, sender));
    expect(r.body).toEqual([{ kind: 'text', text: 'Hi <img src=x onerror=alert(1)> of https://evil.example/phish' }]);
  });

  it('links only http(s) URLs the author wrote', () => {
    const r = renderTemplate(tpl('See https://ficha.app/demo. Or javascript:alert(1)'), data);
    expect(r.body).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', href: 'https://ficha.app/demo', text: 'https://ficha.app/demo' },
      { kind: 'text', text: '. Or javascript:alert(1)' },
    ]);
  });

  it('places the CTA link with UTM parameters where {{cta.link}} is, else on the last line', () => {
    const link = { url: 'https://ficha.app/trial?ref=x', utm: true };
    const placed = renderTemplate(tpl('Try it: {{cta.link}} today', { link }), data);
    expect(placed.body[1]).toEqual({ kind: 'link', href: 'https://ficha.app/trial?ref=x&utm_source=ficha&utm_medium=email&utm_campaign=trial-offer', text: expect.any(String) });
    const appended = renderTemplate(tpl('Try it.', { link: { url: 'https://ficha.app/t', utm: false } }), data);
    expect(appended.body).toEqual([{ kind: 'text', text: 'Try it.\n\n' }, { kind: 'link', href: 'https://ficha.app/t', text: 'https://ficha.app/t' }]);
  });

  it('leaves no run of blank lines or trailing space where blank values were', () => {
    const r = renderTemplate(tpl('Hi,\n\nText.\n\nBest,\n{{sender.lastName | default: ""}}\n{{contact.title | default: ""}}\n'), data);
    expect(segmentsText(r.body)).toBe('Hi,\n\nText.\n\nBest,\nGil');
  });

  it('keeps UTM values the author set and names the campaign after the template', () => {
    expect(ctaUrl({ url: 'https://a.io/?utm_source=news', utm: true }, 'Pide tu prueba gratuita')).toBe(
      'https://a.io/?utm_source=news&utm_medium=email&utm_campaign=pide-tu-prueba-gratuita',
    );
    expect(ctaUrl({ url: 'javascript:alert(1)', utm: true }, 'x')).toBeNull();
  });
});

describe('TemplateFieldsSchema', () => {
  const base = { name: 'Welcome', language: 'en', body: 'Hi {{contact.firstName | default: "there"}}' };
  it('accepts a valid template and fills defaults', () => {
    expect(TemplateFieldsSchema.parse(base)).toMatchObject({ stages: [], subject: '', link: null, tags: [] });
  });
  it('refuses unknown merge fields and bad syntax, naming subject or body', () => {
    const result = TemplateFieldsSchema.safeParse({ ...base, subject: '{{contact.fristName}}', body: 'Hi {{contact.firstName | shout}}' });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toContainEqual(['subject', 'Unknown merge field {{contact.fristName}}']);
    expect(issues?.find(([path]) => path === 'body')?.[1]).toMatch(/default/);
  });
  it('refuses non-http links and empty bodies', () => {
    expect(TemplateFieldsSchema.safeParse({ ...base, link: { url: 'javascript:alert(1)', utm: true } }).success).toBe(false);
    expect(TemplateFieldsSchema.safeParse({ ...base, body: '   ' }).success).toBe(false);
  });
  it('says what is wrong with a file that is not a templates export', () => {
    const result = TemplateFileSchema.safeParse({ format: 'other', version: 1, templates: [] });
    expect(result.error?.issues[0]?.message).toMatch(/Not a Ficha templates file/);
  });
});
