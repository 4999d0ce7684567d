// Local diagnostics for "the webmail changed": which selector of each ordered fallback list matched on the last
// pages seen, per site. Kept in browser.storage.local under DIAGNOSTICS_KEY, never sent anywhere; the options page
// lists it and copies it as a report. An entry holds selector keys, indexes, health and the host: no addresses,
// names, subjects, ids or paths.
import type { PageHealth, SiteAdapter } from './types';

export const DIAGNOSTICS_KEY = 'diagnostics.pages';
/** Pages kept per site: enough to see whether a fallback is constant or came with one view. */
export const KEEP_PER_SITE = 10;

/** Per selector key: the index of the first selector that matched (0 = primary), -1 when none did. */
export type SelectorReport = Record<string, number>;

export interface PageDiagnostics {
  site: SiteAdapter['site'];
  /** The webmail's host (mail.google.com, outlook.office.com…): never the path, which carries thread ids. */
  host: string;
  /** Epoch ms. */
  at: number;
  health: PageHealth | 'unknown';
  selectors: SelectorReport;
  /** Keys whose primary failed while a fallback matched. */
  fallbacks: string[];
}

/** A selector the engine rejects counts as no match (an invalid fallback must not break the probe). */
function matches(root: ParentNode, selector: string): boolean {
  try {
    return root.querySelector(selector) !== null;
  } catch {
    return false;
  }
}

export function probeSelectors(root: ParentNode, selectors: Readonly<Record<string, readonly string[]>>): SelectorReport {
  const report: SelectorReport = {};
  for (const [key, list] of Object.entries(selectors)) report[key] = list.findIndex((selector) => matches(root, selector));
  return report;
}

/** Keys whose primary selector failed while a fallback matched: what a user should report. */
export function fallbacksUsed(report: SelectorReport): string[] {
  return Object.entries(report)
    .filter(([, index]) => index > 0)
    .map(([key]) => key);
}

export function diagnoseSelectors(
  doc: Document,
  site: PageDiagnostics['site'],
  selectors: Readonly<Record<string, readonly string[]>>,
  health: PageDiagnostics['health'],
  at = Date.now(),
): PageDiagnostics {
  const report = probeSelectors(doc, selectors);
  return { site, host: doc.location?.host ?? '', at, health, selectors: report, fallbacks: fallbacksUsed(report) };
}

const SITES: readonly string[] = ['gmail', 'outlook'] satisfies PageDiagnostics['site'][];

/** Stored entries that have the expected shape (storage.local is shared by the whole extension, never trusted). */
export function parseDiagnostics(stored: unknown): PageDiagnostics[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((e): e is PageDiagnostics => {
    const entry = e as Partial<PageDiagnostics> | null;
    return (
      typeof entry === 'object' &&
      entry !== null &&
      SITES.includes(entry.site as string) &&
      typeof entry.at === 'number' &&
      typeof entry.host === 'string' &&
      typeof entry.health === 'string' &&
      typeof entry.selectors === 'object' &&
      entry.selectors !== null &&
      Object.values(entry.selectors).every((v) => Number.isInteger(v)) &&
      Array.isArray(entry.fallbacks)
    );
  });
}

/** The newest entry first, at most KEEP_PER_SITE per site (a busy Gmail tab never pushes Outlook's out). */
export function addDiagnostics(previous: readonly PageDiagnostics[], entry: PageDiagnostics): PageDiagnostics[] {
  const all = [entry, ...previous].sort((a, b) => b.at - a.at);
  const counts = new Map<string, number>();
  return all.filter((e) => {
    const n = (counts.get(e.site) ?? 0) + 1;
    counts.set(e.site, n);
    return n <= KEEP_PER_SITE;
  });
}
