import { describe, expect, it } from 'vitest';
import { ContactSchema, contactFromHeader, companyFromEmail, isFreemailDomain, splitDisplayName } from '@/lib/domain/contact';

const meta = { id: 'c1', now: 1_700_000_000_000 };

describe('splitDisplayName', () => {
  it.each([
    ['Ana Pérez García', 'Ana', 'Pérez García'],
    ['Pérez, Ana', 'Ana', 'Pérez'],
    ['"Bob"', 'Bob', ''],
    ['  Zoë   Ö\'Neil ', 'Zoë', "Ö'Neil"],
    ['ana@x.com', '', ''],
    ['', '', ''],
  ])('%s → %s / %s', (input, first, last) => {
    expect(splitDisplayName(input)).toEqual({ firstName: first, lastName: last });
  });
});

describe('company from domain', () => {
  it.each([
    ['ana@clientco.com', 'Clientco', 'clientco.com'],
    ['ana@mail.acme-corp.co.uk', 'Acme Corp', 'acme-corp.co.uk'],
    ['x@ventas.grupo-sol.com.mx', 'Grupo Sol', 'grupo-sol.com.mx'],
  ])('%s → %s', (email, name, domain) => {
    expect(companyFromEmail(email)).toEqual({ name, domain });
  });
  it.each(['gmail.com', 'hotmail.es', 'outlook.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.es', 'icloud.com', 'proton.me', 'gmx.de', 'gmx.net'])(
    '%s is free mail',
    (d) => {
      expect(isFreemailDomain(d)).toBe(true);
      expect(companyFromEmail(`someone@${d}`)).toBeNull();
    },
  );
  it('does not treat company subdomains named like providers as free mail', () => {
    expect(isFreemailDomain('web.acme-industries.com')).toBe(false);
    expect(isFreemailDomain('yahoo-fans.org')).toBe(false);
  });
});

describe('contactFromHeader', () => {
  it('builds a valid lead from a header', () => {
    const c = contactFromHeader({ email: ' Ana.Perez@ClientCo.com ', displayName: 'Ana Pérez' }, meta);
    expect(c).toMatchObject({
      emails: [{ address: 'ana.perez@clientco.com', primary: true }],
      firstName: 'Ana',
      lastName: 'Pérez',
      company: 'Clientco',
      lifecycleStage: 'lead',
      leadScore: 0,
      createdAt: meta.now,
    });
    expect(ContactSchema.safeParse(c).success).toBe(true);
  });
  it('guesses names from the address when the header has none, and no company for free mail', () => {
    const c = contactFromHeader({ email: 'carlos.diaz@gmail.com' }, meta);
    expect([c.firstName, c.lastName, c.company]).toEqual(['Carlos', 'Diaz', '']);
  });
  it('keeps hostile names as literal text', () => {
    const c = contactFromHeader({ email: 'x@evil.io', displayName: '<img src=x onerror=alert(1)>' }, meta);
    expect(c.firstName + ' ' + c.lastName).toBe('<img src=x onerror=alert(1)>');
  });
  it('rejects a malformed address', () => {
    expect(() => contactFromHeader({ email: 'a@b' }, meta)).toThrow();
  });
});

describe('ContactSchema', () => {
  const base = contactFromHeader({ email: 'a@acme.com', displayName: 'A B' }, meta);
  it('needs exactly one primary email', () => {
    const two = { ...base, emails: [{ address: 'a@acme.com', primary: true }, { address: 'b@acme.com', primary: true }] };
    expect(ContactSchema.safeParse(two).success).toBe(false);
  });
  it('bounds the lead score', () => {
    expect(ContactSchema.safeParse({ ...base, leadScore: 101 }).success).toBe(false);
    expect(ContactSchema.safeParse({ ...base, leadScore: 3.5 }).success).toBe(false);
  });
  it('validates phones', () => {
    expect(ContactSchema.safeParse({ ...base, phones: [{ number: '+34 600 123 456', label: 'mobile' }] }).success).toBe(true);
    expect(ContactSchema.safeParse({ ...base, phones: [{ number: 'call me', label: 'x' }] }).success).toBe(false);
  });
});
