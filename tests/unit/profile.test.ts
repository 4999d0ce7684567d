import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { applyCompanyPatch, applyFieldsPatch, CompanyPatchSchema, ContactFieldsPatchSchema } from '@/lib/domain/profile-edit';
import { figuresCurrency } from '@/lib/domain/profile-figures';
import { effectiveSegmentation, toScoringContact } from '@/lib/domain/profile-scoring';
import { PERSONA_ROLES as VALUES_ROLES } from '@/lib/domain/profile-values';
import { PERSONA_ROLES } from '@/lib/domain/record';
import type { Deal } from '@/lib/domain/transactions';

const contact = contactFromHeader({ email: 'ana@clientco.com', displayName: 'Ana Ruiz' }, { id: 'c1', now: 1 });

describe('profile patches', () => {
  it('puts each field in its block, clears blanks, and re-validates the whole contact', () => {
    const patch = ContactFieldsPatchSchema.parse({ title: ' CTO ', language: 'es', industry: 'Retail', website: '   ' });
    const next = applyFieldsPatch(contact, patch, 5);
    expect(next).toMatchObject({ title: 'CTO', updatedAt: 5, profile: { general: { language: 'es' }, segmentation: { industry: 'Retail' } } });
    expect('website' in next.profile.contactData).toBe(false);
    expect(contact.title).toBe(''); // the input is not mutated
  });

  it('refuses unknown keys, empty patches and bad values with the field path', () => {
    expect(ContactFieldsPatchSchema.safeParse({ leadScore: 100 }).success).toBe(false);
    expect(ContactFieldsPatchSchema.safeParse({}).success).toBe(false);
    const bad = ContactFieldsPatchSchema.safeParse({ language: 'Spanish', socialProfiles: ['ftp://x.org'] });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['language', 'socialProfiles.0']);
  });

  it('edits a company: uppercases the country, blank clears the size band', () => {
    const company = { domain: 'clientco.com', name: 'Clientco', industry: '', sizeBand: '11-50' as const };
    const next = applyCompanyPatch(company, CompanyPatchSchema.parse({ country: 'mx', sizeBand: '' }));
    expect(next).toEqual({ domain: 'clientco.com', name: 'Clientco', industry: '', country: 'MX' });
  });

  it('keeps one source for value lists', () => {
    expect(PERSONA_ROLES).toBe(VALUES_ROLES);
  });
});

describe('segmentation and scoring input', () => {
  const own = applyFieldsPatch(contact, ContactFieldsPatchSchema.parse({ industry: 'Retail', companySize: '1-10', personaRole: 'champion' }), 2);

  it('prefers the shared company facts, falling back to the contact’s own without a company', () => {
    expect(effectiveSegmentation(own, null)).toEqual({ industry: 'Retail', companySize: '1-10' });
    const company = { domain: 'clientco.com', name: 'Clientco', industry: 'Logistics', sizeBand: '201-1000' as const, country: 'ES' };
    expect(effectiveSegmentation(own, company)).toEqual({ industry: 'Logistics', companySize: '201-1000', country: 'ES' });
    expect(toScoringContact(own, company)).toMatchObject({ personaRole: 'champion', industry: 'Logistics', country: 'ES', title: '' });
  });

  it('reads rows stored before the profile existed', () => {
    const { profile: _p, ...legacy } = contact;
    expect(toScoringContact(legacy, null).personaRole).toBeUndefined();
  });
});

describe('figures currency', () => {
  const deal = (currency: Deal['currency'], status: Deal['status'], date: number): Deal => ({ id: `${currency}${date}`, contactId: 'c1', title: 'd', amount: 1, currency, date, status });

  it('reports in the currency most won deals use; ties go to the latest; no wins uses the latest deal', () => {
    expect(figuresCurrency([])).toBe('EUR');
    expect(figuresCurrency([deal('USD', 'won', 1), deal('USD', 'won', 2), deal('MXN', 'won', 3), deal('GBP', 'open', 4)])).toBe('USD');
    expect(figuresCurrency([deal('USD', 'won', 1), deal('MXN', 'won', 3)])).toBe('MXN');
    expect(figuresCurrency([deal('USD', 'open', 1), deal('CLP', 'lost', 9)])).toBe('CLP');
  });
});
