import { describe, expect, it } from 'vitest';
import { neverLogMatch, normaliseNeverLogEntry, SettingsSchema } from '@/lib/domain/settings';

describe('never-log list', () => {
  it.each([
    ['Ana@Acme.com', 'ana@acme.com'],
    ['@Acme.COM', 'acme.com'],
    [' acme.co.uk ', 'acme.co.uk'],
    ['not a domain', null],
    ['a@b', null],
    ['-bad-.com', null],
  ])('normalises %s → %s', (raw, expected) => expect(normaliseNeverLogEntry(raw)).toBe(expected));

  it('matches an address, its domain and parent domains, never a lookalike', () => {
    const list = ['boss@mycompany.com', 'acme.com'];
    expect(neverLogMatch(list, 'Boss@MyCompany.com')).toBe('boss@mycompany.com');
    expect(neverLogMatch(list, 'other@mycompany.com')).toBeNull();
    expect(neverLogMatch(list, 'x@acme.com')).toBe('acme.com');
    expect(neverLogMatch(list, 'x@mail.eu.acme.com')).toBe('acme.com');
    expect(neverLogMatch(list, 'x@notacme.com')).toBeNull();
    expect(neverLogMatch(list, 'x@acme.com.evil.io')).toBeNull();
  });

  it('validates settings with a clear message and de-duplicates', () => {
    expect(SettingsSchema.parse({ neverLog: ['A@x.com', 'a@x.com', '@Y.org'], requireLegalBasis: true })).toMatchObject({
      neverLog: ['a@x.com', 'y.org'],
      requireLegalBasis: true,
      // Settings added later take their defaults in rows written before them.
      stageSet: 'hubspot',
      storeBodies: false,
    });
    expect(SettingsSchema.safeParse({ neverLog: [], requireLegalBasis: false, stageSet: 'funnel' }).error?.issues[0]?.message).toBe('Stage set must be hubspot or relationship');
    const bad = SettingsSchema.safeParse({ neverLog: ['ok.com', 'nope'], requireLegalBasis: false });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['neverLog', 1], message: '"nope" is neither an email address nor a domain' });
  });
});
