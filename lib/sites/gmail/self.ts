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
  return accountEmail(doc) ?? emailsInText(doc.title).at(-1) ?? null;
}

// The account button's address, kept per page while that button is attached: Gmail serves another account from
// another page (/mail/u/1/), and this read runs on every change of the page (two document-wide scans each).
const accounts = new WeakMap<Document, { button: Element; email: string }>();

function accountEmail(doc: Document): string | undefined {
  const known = accounts.get(doc);
  if (known?.button.isConnected) return known.email;
  const account = findFirst(doc, S.accountButton, (el) => addressesIn(el).length > 0);
  const email = account ? addressesIn(account.el).at(-1) : undefined;
  if (account && email) accounts.set(doc, { button: account.el, email });
  else accounts.delete(doc);
  return email;
}
