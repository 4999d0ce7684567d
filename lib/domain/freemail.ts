// Consumer mailbox providers: an address on these says nothing about the person's company.
const FREEMAIL_EXACT = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.es', 'hotmail.co.uk', 'outlook.com', 'outlook.es',
  'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'pm.me',
  'aol.com', 'mail.com', 'zoho.com', 'yandex.com', 'yandex.ru', 'tutanota.com', 'fastmail.com', 'hey.com',
]);
// Providers with one domain per country (yahoo.es, gmx.de, …): matched on the label before the suffix.
const FREEMAIL_FAMILIES = ['yahoo', 'ymail', 'gmx', 'hotmail', 'live', 'outlook', 'web', 'orange', 'libero', 'wanadoo'];

export function isFreemailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  if (FREEMAIL_EXACT.has(d)) return true;
  const [label, ...suffix] = d.split('.');
  // "web" and "orange" only as consumer hosts such as web.de / orange.fr, not web.acme.com.
  return suffix.length >= 1 && suffix.length <= 2 && suffix.every((s) => s.length <= 3) && FREEMAIL_FAMILIES.includes(label ?? '');
}
