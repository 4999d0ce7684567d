// Which selector of each ordered fallback list matches on a page: local diagnostics for "the webmail changed".
import { findFirst } from './dom';

/** Per selector key: the index of the first selector that matched (0 = primary), -1 when none did. */
export type SelectorReport = Record<string, number>;

export function probeSelectors(root: ParentNode, selectors: Readonly<Record<string, readonly string[]>>): SelectorReport {
  const report: SelectorReport = {};
  for (const [key, list] of Object.entries(selectors)) report[key] = findFirst(root, list)?.selectorIndex ?? -1;
  return report;
}

/** Keys whose primary selector failed while a fallback matched: what a user should report. */
export function fallbacksUsed(report: SelectorReport): string[] {
  return Object.entries(report)
    .filter(([, index]) => index > 0)
    .map(([key]) => key);
}
