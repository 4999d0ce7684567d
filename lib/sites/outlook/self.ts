// The signed-in user's address, so the user never shows up as their own contact.
import { emailsInText } from '@/lib/domain/email';
import { cleanText, findFirst } from '../dom';
import { outlookSelectors as S } from './selectors';

const addressOf = (el: Element): string | undefined =>
  emailsInText([el.getAttribute('data-folder-name'), el.getAttribute('title'), el.id, el.textContent].join(' '))[0];

/** The primary mailbox's folder tree item (`data-folder-name`/`title` = the address), else the account manager. */
export function readSelfEmail(doc: Document): string | null {
  const found = findFirst(doc, S.account, (el) => addressOf(el) !== undefined);
  return (found && addressOf(found.el)) ?? null;
}

/** The account's display name (account manager), lowercased for comparison; null when not rendered. */
export function readSelfName(doc: Document): string | null {
  const name = cleanText(findFirst(doc, S.selfName, (el) => cleanText(el.textContent) !== '')?.el.textContent);
  return name ? name.toLowerCase() : null;
}
