// Address helpers with no dependencies: the content script bundles these, so they stay tiny.

/** Pragmatic address check: one @, a dotted domain, no spaces or angle brackets. */
const EMAIL_PATTERN = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:.]{2,}$/;
export const MAX_EMAIL_LENGTH = 254;

export function normaliseEmail(raw: string): string {
  return raw.trim().replace(/^mailto:/i, '').toLowerCase();
}

export function isValidEmail(raw: string): boolean {
  const email = normaliseEmail(raw);
  return email.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(email) && !email.includes('..');
}

export function emailDomain(email: string): string {
  return normaliseEmail(email).split('@')[1] ?? '';
}

/** Every address-looking substring of a text, normalised (e.g. Gmail's "Inbox - alice@example.com - Gmail" title). */
export function emailsInText(text: string): string[] {
  const found = text.match(/[^\s@<>()",;:'[\]]+@[^\s@<>()",;:'[\]]+\.[a-z]{2,}/gi) ?? [];
  return found.map(normaliseEmail).filter(isValidEmail);
}

/**
 * One key per mailbox, for telling the user's own addresses from others': case aside, a `+tag` delivers to the same
 * mailbox (rep+crm@acme.com is rep@acme.com), and Gmail ignores dots and answers to googlemail.com as well.
 */
export function mailboxKey(email: string): string {
  const address = normaliseEmail(email);
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at).split('+')[0] || address.slice(0, at);
  let domain = address.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}
