// Turning what a mail header shows into a person's names and company.
import { emailDomain } from './email';
import { isFreemailDomain } from './freemail';

export interface SplitName {
  firstName: string;
  lastName: string;
}

/** "Ana Pérez García" → Ana / Pérez García; "Pérez, Ana" → Ana / Pérez. Addresses used as names give nothing. */
export function splitDisplayName(displayName: string): SplitName {
  const clean = displayName.replace(/^["']+|["']+$/g, '').replace(/\s+/g, ' ').trim();
  if (!clean || clean.includes('@')) return { firstName: '', lastName: '' };
  const comma = clean.indexOf(',');
  if (comma > 0) {
    return { firstName: clean.slice(comma + 1).trim(), lastName: clean.slice(0, comma).trim() };
  }
  const [first = '', ...rest] = clean.split(' ');
  return { firstName: first, lastName: rest.join(' ') };
}

/** A readable guess from the local part when the header has no name: "ana.perez" → Ana / Perez. */
export function nameFromEmail(email: string): SplitName {
  const local = email.split('@')[0] ?? '';
  const parts = local.split(/[._-]+/).filter((p) => /^[\p{L}]+$/u.test(p));
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (parts.length < 2) return { firstName: '', lastName: '' };
  return { firstName: cap(parts[0] ?? ''), lastName: parts.slice(1).map(cap).join(' ') };
}

// Second-level labels under which companies register (acme.co.uk, acme.com.mx).
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'gob']);
const MAIL_SUBDOMAINS = new Set(['mail', 'email', 'smtp', 'mx', 'correo', 'corp', 'eu', 'us', 'uk']);

export interface CompanyGuess {
  name: string;
  domain: string;
}

/** Company from an address's domain; null for free-mail providers. "ana@mail.acme-corp.co.uk" → Acme Corp / acme-corp.co.uk */
export function companyFromEmail(email: string): CompanyGuess | null {
  const domain = emailDomain(email);
  if (!domain || isFreemailDomain(domain)) return null;
  const labels = domain.split('.');
  const hasSecondLevel = labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2] ?? '');
  const registrable = labels.slice(hasSecondLevel ? -3 : -2);
  const label = registrable[0] ?? '';
  if (!label || MAIL_SUBDOMAINS.has(label)) return null;
  const name = label
    .split('-')
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { name, domain: registrable.join('.') };
}
