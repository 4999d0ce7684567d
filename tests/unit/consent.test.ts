import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_STATUSES,
  ConsentLogEntrySchema,
  DEFAULT_PRIVACY,
  LEGAL_BASES,
  PrivacySchema,
  canLog,
  consentChanges,
  consentLogEntries,
  hasLegalBasis,
  type Privacy,
} from '@/lib/domain/consent';

const at = 1_750_000_000_000;
const privacy = (over: Partial<Privacy> = {}, consent: Partial<Privacy['consent']> = {}): Privacy => ({
  ...DEFAULT_PRIVACY,
  ...over,
  consent: { ...DEFAULT_PRIVACY.consent, ...consent },
});
const messageOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('PrivacySchema', () => {
  it('accepts the default and a granted consent', () => {
    expect(PrivacySchema.parse(DEFAULT_PRIVACY)).toEqual(DEFAULT_PRIVACY);
    const granted = privacy({ legalBasis: 'consent' }, { status: 'granted', at, source: 'web form' });
    expect(PrivacySchema.parse(granted)).toEqual(granted);
  });
  it.each([
    [{ legalBasis: 'vibes' }, 'Legal basis must be consent, contract, legitimate_interest, other or none'],
    [{ consent: { status: 'maybe', at, source: '' } }, 'Consent status must be granted, denied, withdrawn or unknown'],
    [{ consent: { status: 'granted', at: null, source: 'form' } }, 'A consent decision needs a date'],
    [{ consent: { status: 'unknown', at: null, source: 'x'.repeat(201) } }, 'Source is too long (max 200)'],
  ])('%j → %s', (override, message) => {
    expect(messageOf(PrivacySchema.safeParse({ ...DEFAULT_PRIVACY, ...override }))).toBe(message);
  });
});

describe('hasLegalBasis', () => {
  it('counts consent only while granted', () => {
    expect(hasLegalBasis(privacy({ legalBasis: 'consent' }, { status: 'granted', at }))).toBe(true);
    expect(hasLegalBasis(privacy({ legalBasis: 'consent' }, { status: 'unknown' }))).toBe(false);
    expect(hasLegalBasis(privacy({ legalBasis: 'contract' }))).toBe(true);
    expect(hasLegalBasis(privacy({ legalBasis: 'none' }, { status: 'granted', at }))).toBe(false);
  });
});

describe('canLog', () => {
  const strict = { requireLegalBasis: true };
  const lax = { requireLegalBasis: false };

  it('allows silently with a basis', () => {
    expect(canLog(privacy({ legalBasis: 'contract' }), strict)).toEqual({ allowed: true });
    expect(canLog(privacy({ legalBasis: 'consent' }, { status: 'granted', at }), strict)).toEqual({ allowed: true });
  });
  it('without a basis: warns, and blocks only when a basis is required', () => {
    expect(canLog(DEFAULT_PRIVACY, lax)).toEqual({ allowed: true, warning: 'no_legal_basis' });
    expect(canLog(DEFAULT_PRIVACY, strict)).toEqual({ allowed: false, warning: 'no_legal_basis' });
  });
  it('blocks an opted-out contact whose only basis was consent', () => {
    for (const status of ['denied', 'withdrawn'] as const) {
      expect(canLog(privacy({ legalBasis: 'consent' }, { status, at }), lax)).toEqual({ allowed: false, warning: 'opted_out' });
    }
  });
  it('keeps logging under another basis after an opt-out, with a warning', () => {
    expect(canLog(privacy({ legalBasis: 'contract' }, { status: 'withdrawn', at }), strict)).toEqual({ allowed: true, warning: 'opted_out' });
  });
  it('warns on do-not-contact without blocking the record', () => {
    expect(canLog(privacy({ legalBasis: 'legitimate_interest', doNotContact: true }), strict)).toEqual({ allowed: true, warning: 'do_not_contact' });
  });
  it('names the blocking reason first', () => {
    expect(canLog(privacy({ doNotContact: true }), strict)).toEqual({ allowed: false, warning: 'no_legal_basis' });
    expect(canLog(privacy({ doNotContact: true }), lax)).toEqual({ allowed: true, warning: 'do_not_contact' });
  });
  it('never allows without a basis when one is required (property)', () => {
    const privacyArb = fc.record({
      legalBasis: fc.constantFrom(...LEGAL_BASES),
      consent: fc.record({ status: fc.constantFrom(...CONSENT_STATUSES), at: fc.constant(at), source: fc.constant('') }),
      doNotContact: fc.boolean(),
    });
    fc.assert(
      fc.property(privacyArb, fc.boolean(), (p, requireLegalBasis) => {
        const decision = canLog(p, { requireLegalBasis });
        if (requireLegalBasis && !hasLegalBasis(p)) expect(decision.allowed).toBe(false);
        if (!decision.allowed) expect(decision.warning).toBeDefined();
      }),
    );
  });
});

describe('consent log', () => {
  const meta = { contactId: 'c1', at, by: 'ana@x.com', source: 'email reply' };
  const ids = () => {
    let n = 0;
    return () => `log${++n}`;
  };

  it('lists each changed field', () => {
    const before = privacy({ legalBasis: 'consent' }, { status: 'granted', at: 1 });
    const after = privacy({ legalBasis: 'legitimate_interest', doNotContact: true }, { status: 'withdrawn', at });
    expect(consentChanges(before, after)).toEqual([
      { field: 'legalBasis', from: 'consent', to: 'legitimate_interest' },
      { field: 'consentStatus', from: 'granted', to: 'withdrawn' },
      { field: 'doNotContact', from: false, to: true },
    ]);
    expect(consentChanges(before, { ...before, consent: { ...before.consent, at: 2 } })).toEqual([]);
  });
  it('builds one entry per change with date, source and who', () => {
    const entries = consentLogEntries(DEFAULT_PRIVACY, privacy({ doNotContact: true }), { ...meta, nextId: ids() });
    expect(entries).toEqual([{ id: 'log1', ...meta, field: 'doNotContact', from: false, to: true }]);
    expect(ConsentLogEntrySchema.parse(entries[0])).toEqual(entries[0]);
  });
  it('refuses entries without who or where', () => {
    const after = privacy({ doNotContact: true });
    expect(() => consentLogEntries(DEFAULT_PRIVACY, after, { ...meta, by: ' ', nextId: ids() })).toThrow(/Say who made the change/);
    expect(() => consentLogEntries(DEFAULT_PRIVACY, after, { ...meta, source: '', nextId: ids() })).toThrow(/Say where the change came from/);
  });
  it('rejects a log entry whose change does not match its field', () => {
    const entry = { id: 'l', ...meta, field: 'doNotContact', from: 'granted', to: 'withdrawn' };
    expect(ConsentLogEntrySchema.safeParse(entry).success).toBe(false);
  });
});
