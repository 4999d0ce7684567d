// The signed-in user's address, so the user never shows up as their own contact.
import { emailsInText } from '@/lib/domain/email';
import { findFirst } from '../dom';
import { gmailSelectors as S } from './selectors';

const addressesIn = (el: Element): string[] => emailsInText(el.getAttribute('aria-label') ?? '');

/**
 * From the Google account button ("Google Account: Rita Rep\n(rep@acme.com)", localised prefix), else from the tab
 * title ("Inbox (3) - rep@acme.com - Gmail"). The last address wins in both: a name or a subject that contains an
 * address comes before the account's own.
 */
export function readSelfEmail(doc: Document): string | null {
  const account = findFirst(doc, S.accountButton, (el) => addressesIn(el).length > 0);
  const fromAccount = account ? addressesIn(account.el).at(-1) : undefined;
  return fromAccount ?? emailsInText(doc.title).at(-1) ?? null;
}
