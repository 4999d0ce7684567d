// Loads Outlook fixtures (tests/fixtures/outlook/README.md) as a separate Document or into the test window's document.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/outlook');

export const readOutlookFixture = (name: string): string => readFileSync(join(dir, name), 'utf8');

export const parseOutlook = (name: string): Document =>
  new DOMParser().parseFromString(readOutlookFixture(name), 'text/html');

/** Replaces the live test document (needed for focus, selection and events). */
export function loadOutlookIntoDocument(name: string): void {
  const parsed = parseOutlook(name);
  document.title = parsed.title;
  document.body.innerHTML = parsed.body.innerHTML;
}
