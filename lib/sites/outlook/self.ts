// The signed-in user's address, so the user never shows up as their own contact.
import { emailsInText } from '@/lib/domain/email';
import { cleanText, findFirst } from '../dom';
import { outlookSelectors as S } from './selectors';

const addressOf = (el: Element): string | undefined =>
  emailsInText([el.getAttribute('data-folder-name'), el.getAttribute('title'), el.id, el.textContent].join(' '))[0];

/** Where the account was last read in each page, and what it said. */
const seen = new WeakMap<Document, { el: Element; email: string }>();

/**
 * The primary mailbox's folder tree item (`data-folder-name`/`title` = the address), else the account manager. Read
 * on every page change: the element found last is asked first (no walk of the page while it stays), and once the
 * folder pane is collapsed (the element gone) the account seen earlier in this page is still the user.
 */
export function readSelfEmail(doc: Document): string | null {
  const last = seen.get(doc);
  const again = last?.el.isConnected ? addressOf(last.el) : undefined;
  if (again) return again;
  const found = findFirst(doc, S.account, (el) => addressOf(el) !== undefined);
  const email = found ? addressOf(found.el) : undefined;
  if (found && email) {
    seen.set(doc, { el: found.el, email });
    return email;
  }
  return last?.email ?? null;
}

/** The account's display name (account manager), lowercased for comparison; null when not rendered. */
export function readSelfName(doc: Document): string | null {
  const name = cleanText(findFirst(doc, S.selfName, (el) => cleanText(el.textContent) !== '')?.el.textContent);
  return name ? name.toLowerCase() : null;
}
