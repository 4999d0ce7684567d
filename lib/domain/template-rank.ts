// Which templates to offer first: the contact's language, then fit to their stage, then what this rep uses most.
// Zod-free: the sidebar filters the ranked list as the rep types.
import { foldText, queryWords } from './search';

export { queryWords };

export interface RankableTemplate {
  id: string;
  name: string;
  stages: readonly string[];
  language: string;
  tags: readonly string[];
  order: number;
}

export interface TemplateUsage {
  templateId: string;
  count: number;
  lastUsedAt: number;
}

const baseLanguage = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/** 2 when the template names the stage, 1 when it suits any stage, 0 otherwise. */
export function stageFit(template: Pick<RankableTemplate, 'stages'>, stage: string): number {
  if (template.stages.includes(stage)) return 2;
  return template.stages.length === 0 ? 1 : 0;
}

export function rankTemplates<T extends RankableTemplate>(
  templates: readonly T[],
  contact: { stage: string; language: string },
  usage: ReadonlyMap<string, TemplateUsage>,
): T[] {
  const language = baseLanguage(contact.language);
  const key = (t: T) => [baseLanguage(t.language) === language ? 1 : 0, stageFit(t, contact.stage), usage.get(t.id)?.count ?? 0, -t.order];
  const keyed = templates.map((t) => ({ t, k: key(t) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const d = (b.k[i] ?? 0) - (a.k[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0;
  });
  return keyed.map(({ t }) => t);
}

/** Folded text a template is found by (name, tags, subject, preview). Compute once, filter per keystroke. */
export function templateSearchText(parts: readonly string[]): string {
  return foldText(parts.join(' '));
}

/** Every word of the query must appear somewhere in the template's search text. */
export function matchesQuery(searchText: string, query: string): boolean {
  return matchesWords(searchText, queryWords(query));
}

/** The same test with the query folded once, for filtering a long list per keystroke. */
export function matchesWords(searchText: string, words: readonly string[]): boolean {
  return words.every((word) => searchText.includes(word));
}
