// Loads Gmail fixtures for the tests: as a separate Document, or into the test window's own document.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A string, not `new URL(…)`: under happy-dom the global URL is the DOM one, which node:url rejects.
const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/gmail');

export const readFixture = (name: string): string => readFileSync(join(dir, name), 'utf8');

export const parseHtml = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

export const parseFixture = (name: string): Document => parseHtml(readFixture(name));

/** Replaces the live test document (needed for focus, selection, location and events). */
export function loadIntoDocument(name: string): void {
  const parsed = parseFixture(name);
  document.title = parsed.title;
  document.body.innerHTML = parsed.body.innerHTML;
}
