// CTA template rendering: a pure function from template + merge data to text segments. Free of zod, so it can run
// anywhere. The output is text and http(s) links only: nothing from a template or a contact ever becomes markup.

/** The CTA link a template may carry; `utm` adds utm_source/medium/campaign so clicks can be attributed. */
export interface TemplateLink {
  url: string;
  utm: boolean;
}

/** What rendering needs of a template (the stored template has more: stages, tags, order…). */
export interface RenderableTemplate {
  name: string;
  subject: string;
  body: string;
  link: TemplateLink | null;
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; path: string; fallback: string | null };

export interface TemplateSyntaxIssue {
  message: string;
  /** Offset in the source where the problem starts. */
  at: number;
}

/** A rendered piece: plain text, an http(s) link, or a merge field that has no value (blocks insertion). */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string } | { kind: 'missing'; path: string };

export interface Rendered {
  subject: Segment[];
  body: Segment[];
  /** Merge fields with no value and no fallback, in order of appearance, each once. */
  missing: string[];
}

/** Merge values by path ("contact.firstName"); absent or blank means "no value". */
export type MergeData = Readonly<Record<string, string | undefined>>;

export const CTA_LINK_FIELD = 'cta.link';

const TOKEN = /\{\{([^{}]*)\}\}/g;
const PATH = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;
const FALLBACK = /^default:\s*(?:"([^"]*)"|'([^']*)')$/;

function parseToken(inner: string): { path: string; fallback: string | null } | string {
  const [rawPath = '', ...filters] = inner.split('|');
  const path = rawPath.trim();
  if (!PATH.test(path)) return `"${path || inner.trim()}" is not a field name (e.g. contact.firstName)`;
  if (filters.length === 0) return { path, fallback: null };
  if (filters.length > 1) return `Only one filter is allowed in {{${inner.trim()}}}`;
  const match = FALLBACK.exec((filters[0] ?? '').trim());
  if (!match) return `Write the fallback as | default: "text" in {{${inner.trim()}}}`;
  return { path, fallback: match[1] ?? match[2] ?? '' };
}

/** Splits a template source into text and merge fields; syntax problems are reported, never thrown. */
export function parseTemplate(source: string): { parts: TemplatePart[]; issues: TemplateSyntaxIssue[] } {
  const parts: TemplatePart[] = [];
  const issues: TemplateSyntaxIssue[] = [];
  let last = 0;
  const literal = (from: number, to: number) => {
    const text = source.slice(from, to);
    const stray = text.search(/\{\{|\}\}/);
    if (stray >= 0) issues.push({ message: 'Unclosed {{ or stray }}', at: from + stray });
    if (text) parts.push({ kind: 'text', text });
  };
  for (const match of source.matchAll(TOKEN)) {
    const at = match.index;
    literal(last, at);
    const token = parseToken(match[1] ?? '');
    if (typeof token === 'string') {
      issues.push({ message: token, at });
      parts.push({ kind: 'text', text: match[0] });
    } else {
      parts.push({ kind: 'field', ...token });
    }
    last = at + match[0].length;
  }
  literal(last, source.length);
  return { parts, issues };
}

/** The merge field paths a template uses (subject and body). */
export function fieldsOf(template: Pick<RenderableTemplate, 'subject' | 'body'>): string[] {
  const paths = [template.subject, template.body].flatMap((s) => parseTemplate(s).parts.flatMap((p) => (p.kind === 'field' ? [p.path] : [])));
  return [...new Set(paths)];
}

function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'template'
  );
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The CTA URL with campaign parameters; parameters the author already set are kept. */
export function ctaUrl(link: TemplateLink, templateName: string): string | null {
  if (!isHttpUrl(link.url)) return null;
  const url = new URL(link.url);
  if (link.utm) {
    const set = (key: string, value: string) => url.searchParams.has(key) || url.searchParams.set(key, value);
    set('utm_source', 'ficha');
    set('utm_medium', 'email');
    set('utm_campaign', slug(templateName));
  }
  return url.toString();
}

// Links the author typed in the template text; merge values are never scanned, so contact data cannot add links.
const AUTHOR_URL = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(AUTHOR_URL)) {
    if (!isHttpUrl(match[0])) continue;
    if (match.index > last) out.push({ kind: 'text', text: text.slice(last, match.index) });
    out.push({ kind: 'link', href: match[0], text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

function renderSource(source: string, data: MergeData, cta: string | null, missing: Set<string>, links: boolean): Segment[] {
  const out: Segment[] = [];
  for (const part of parseTemplate(source).parts) {
    if (part.kind === 'text') {
      out.push(...(links ? linkify(part.text) : [{ kind: 'text' as const, text: part.text }]));
      continue;
    }
    if (part.path === CTA_LINK_FIELD && cta) {
      out.push(links ? { kind: 'link', href: cta, text: cta } : { kind: 'text', text: cta });
      continue;
    }
    const value = data[part.path]?.trim();
    if (value) out.push({ kind: 'text', text: value });
    else if (part.fallback !== null) out.push({ kind: 'text', text: part.fallback });
    else {
      missing.add(part.path);
      out.push({ kind: 'missing', path: part.path });
    }
  }
  return mergeText(out);
}

/** Blank merge values can leave runs of empty lines (an unset signature): keep at most one blank line, none at the end. */
function tidyLines(segments: Segment[]): Segment[] {
  const out = segments.map((s) => (s.kind === 'text' ? { ...s, text: s.text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n') } : s));
  const last = out.at(-1);
  if (last?.kind === 'text') out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out.filter((s) => s.kind !== 'text' || s.text);
}

function mergeText(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out.at(-1);
    if (s.kind === 'text' && prev?.kind === 'text') out[out.length - 1] = { kind: 'text', text: prev.text + s.text };
    else if (s.kind !== 'text' || s.text) out.push(s);
  }
  return out;
}

/** Renders a template for one contact. A template with a link but no {{cta.link}} gets the link on its own last line. */
export function renderTemplate(template: RenderableTemplate, data: MergeData): Rendered {
  const missing = new Set<string>();
  const cta = template.link ? ctaUrl(template.link, template.name) : null;
  const subject = renderSource(template.subject, data, cta, missing, false);
  let body = renderSource(template.body, data, cta, missing, true);
  const placed = parseTemplate(template.body).parts.some((p) => p.kind === 'field' && p.path === CTA_LINK_FIELD);
  if (cta && !placed) {
    body = mergeText([...body, { kind: 'text', text: '\n\n' }, { kind: 'link', href: cta, text: cta }]);
  }
  return { subject, body: tidyLines(body), missing: [...missing] };
}

/** The plain text of segments; a missing field shows as its token so nothing silently disappears. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => (s.kind === 'missing' ? `{{${s.path}}}` : s.text)).join('');
}
