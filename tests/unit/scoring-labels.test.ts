import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { localiseLabel, localiseModelLabels, localiseScoreResult, TRANSLATED_LABELS } from '@/lib/domain/scoring-labels';
import { compileModel } from '@/lib/domain/scoring';
import { contactFromHeader } from '@/lib/domain/contact';
import { toScoringContact } from '@/lib/domain/profile-scoring';

const allLabels = (m: typeof DEFAULT_SCORING_MODEL) => [m.label, ...[m.fit, m.engagement].flatMap((d) => d.groups.flatMap((g) => [g.label, ...g.rules.map((r) => r.label)]))];

describe('Spanish labels of the shipped scoring model', () => {
  it('exist for every shipped label', () => {
    expect(allLabels(DEFAULT_SCORING_MODEL).filter((l) => !TRANSLATED_LABELS.includes(l))).toEqual([]);
  });
  it('leave labels a rep wrote, and English, as they are', () => {
    expect(localiseLabel('My own rule', 'es')).toBe('My own rule');
    expect(localiseLabel('Deals', 'en-GB')).toBe('Deals');
    expect(localiseLabel('Deals', 'es-419')).toBe('Negocios');
  });
  it('translate the editor draft without changing any number', () => {
    const es = localiseModelLabels(DEFAULT_SCORING_MODEL, 'es');
    expect(allLabels(es).every((l) => !TRANSLATED_LABELS.includes(l))).toBe(true);
    const numbers = (m: unknown) => JSON.stringify(m, (key, value: unknown) => (key === 'label' ? undefined : value));
    expect(numbers(es)).toEqual(numbers(DEFAULT_SCORING_MODEL));
  });
  it('translate an explanation: labels and formula words, numbers untouched', () => {
    const score = compileModel(DEFAULT_SCORING_MODEL);
    const contact = { ...contactFromHeader({ email: 'ceo@acme.com', displayName: 'Ana Ruiz' }, { id: 'c', now: 0 }), title: 'CEO' };
    const result = score({ contact: toScoringContact(contact, null), activities: [] }, 0);
    const es = localiseScoreResult(result, 'es');
    expect(es.total).toBe(result.total);
    expect(es.explanation.total.formula).toMatch(/^total = redondeo\(\(encaje × \d+ \+ interacción × \d+\)/);
    expect(es.explanation.rules.map((r) => r.label)).toContain('Alta dirección, fundador o propietario');
  });
});
