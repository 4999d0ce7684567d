// Display helpers over a contact's shape, free of zod so UI bundles (content scripts) stay small.
export interface NamedContact {
  firstName: string;
  lastName: string;
  emails: { address: string; primary: boolean }[];
}

export function primaryEmail(contact: Pick<NamedContact, 'emails'>): string {
  return (contact.emails.find((e) => e.primary) ?? contact.emails[0])?.address ?? '';
}

export function fullName(contact: Pick<NamedContact, 'firstName' | 'lastName'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim();
}
