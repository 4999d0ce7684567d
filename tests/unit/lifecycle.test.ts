import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STAGE_IDS,
  HUBSPOT_STAGE_SET,
  INITIAL_STAGE,
  PRESET_STAGE_SETS,
  RELATIONSHIP_STAGE_SET,
  StageSetSchema,
  findStage,
  isDefaultStageId,
  planStageChange,
  stageHistoryEntry,
  validateStageSet,
  type StageSet,
} from '@/lib/domain/lifecycle';

const twoStages = () => ({
  id: 'mine',
  name: { en: 'Mine', es: 'Mío' },
  stages: [
    { id: 'a', label: { en: 'A', es: 'A' }, order: 0 },
    { id: 'b', label: { en: 'B', es: 'B' }, order: 1 },
  ],
});

describe('existing exports', () => {
  it('keeps the HubSpot ids, the initial stage and the guard', () => {
    expect(DEFAULT_STAGE_IDS).toHaveLength(8);
    expect(INITIAL_STAGE).toBe('lead');
    expect(isDefaultStageId('customer')).toBe(true);
    expect(isDefaultStageId('curiosity')).toBe(false);
  });
});

describe('presets', () => {
  it.each(PRESET_STAGE_SETS.map((s) => [s.id, s] as const))('%s passes its own schema', (_id, set) => {
    expect(StageSetSchema.parse(set)).toEqual(set);
  });
  it('the HubSpot set has the default ids in order, with "other" outside the flow', () => {
    expect(HUBSPOT_STAGE_SET.stages.map((s) => s.id)).toEqual([...DEFAULT_STAGE_IDS]);
    expect(findStage(HUBSPOT_STAGE_SET, 'other')?.order).toBeNull();
    expect(findStage(HUBSPOT_STAGE_SET, 'marketingqualifiedlead')?.label).toEqual({
      en: 'Marketing qualified lead',
      es: 'Lead cualificado por marketing',
    });
  });
  it('the relationship cycle is labelled in both languages', () => {
    expect(RELATIONSHIP_STAGE_SET.stages.map((s) => s.label.es)).toEqual([
      'Curiosidad', 'Compra', 'Cumplimiento', 'Crecimiento', 'Retención', 'Fidelidad', 'Recuperación',
    ]);
    expect(RELATIONSHIP_STAGE_SET.stages.map((s) => s.label.en)).toEqual([
      'Curiosity', 'Purchase', 'Fulfilment', 'Growth', 'Retention', 'Loyalty', 'Recovery',
    ]);
  });
  it('findStage is undefined for an unknown id', () => {
    expect(findStage(HUBSPOT_STAGE_SET, 'nope')).toBeUndefined();
  });
});

describe('validateStageSet', () => {
  const errorsOf = (input: unknown) => {
    const result = validateStageSet(input);
    if (result.ok) throw new Error('expected errors');
    return result.errors;
  };

  it('accepts a minimal custom set', () => {
    expect(validateStageSet(twoStages())).toEqual({ ok: true, set: twoStages() });
  });
  it('trims labels', () => {
    const input = twoStages();
    input.stages[0]!.label.en = '  A  ';
    const result = validateStageSet(input);
    expect(result.ok && result.set.stages[0]?.label.en).toBe('A');
  });
  it('needs at least 2 stages', () => {
    const input = { ...twoStages(), stages: twoStages().stages.slice(0, 1) };
    expect(errorsOf(input)).toEqual([{ path: 'stages', message: 'A stage set needs at least 2 stages' }]);
  });
  it('caps the number of stages', () => {
    const stages = Array.from({ length: 31 }, (_, i) => ({ id: `s${i}`, label: { en: 'x', es: 'x' }, order: i }));
    expect(errorsOf({ ...twoStages(), stages })).toEqual([{ path: 'stages', message: 'A stage set has at most 30 stages' }]);
  });
  it('points at a duplicate id', () => {
    const input = twoStages();
    input.stages[1]!.id = 'a';
    expect(errorsOf(input)).toEqual([{ path: 'stages.1.id', message: 'Duplicate stage id "a"' }]);
  });
  it.each(['A', '1a', 'a b', '', 'x'.repeat(41), 'é'])('rejects stage id %j', (id) => {
    const input = twoStages();
    input.stages[0]!.id = id;
    expect(errorsOf(input)).toEqual([
      { path: 'stages.0.id', message: 'Not a stage id: use a-z, 0-9, _ or -, starting with a letter' },
    ]);
  });
  it('rejects a bad set id', () => {
    expect(errorsOf({ ...twoStages(), id: 'My Set' })[0]?.path).toBe('id');
  });
  it('points at an empty or over-long label', () => {
    const input = twoStages();
    input.stages[1]!.label.es = '   ';
    input.name.en = 'n'.repeat(81);
    expect(errorsOf(input)).toEqual([
      { path: 'name.en', message: 'Label is too long' },
      { path: 'stages.1.label.es', message: 'Label cannot be empty' },
    ]);
  });
  it('points at allowed moves naming unknown stages', () => {
    const input: StageSet = { ...twoStages(), allowedMoves: [{ from: 'b', to: 'zz' }] };
    expect(errorsOf(input)).toEqual([{ path: 'allowedMoves.0.to', message: 'Unknown stage "zz"' }]);
  });
  it('rejects a negative or fractional order', () => {
    const input = twoStages();
    input.stages[0]!.order = -1;
    input.stages[1]!.order = 1.5;
    expect(errorsOf(input).map((e) => e.path)).toEqual(['stages.0.order', 'stages.1.order']);
  });
  it('rejects non-objects', () => {
    expect(errorsOf(null)).toEqual([expect.objectContaining({ path: '' })]);
  });
});

describe('planStageChange', () => {
  const hub = HUBSPOT_STAGE_SET;
  const rel = RELATIONSHIP_STAGE_SET;

  it('allows forward moves, including jumps', () => {
    expect(planStageChange(hub, 'lead', 'marketingqualifiedlead')).toEqual({ ok: true, direction: 'forward' });
    expect(planStageChange(hub, 'subscriber', 'customer')).toEqual({ ok: true, direction: 'forward' });
  });
  it('asks for confirmation before going back, and accepts it once confirmed', () => {
    expect(planStageChange(hub, 'customer', 'lead')).toEqual({ ok: false, reason: 'needs_confirmation' });
    expect(planStageChange(hub, 'customer', 'lead', { confirmedBackward: false })).toEqual({ ok: false, reason: 'needs_confirmation' });
    expect(planStageChange(hub, 'customer', 'lead', { confirmedBackward: true })).toEqual({ ok: true, direction: 'backward' });
  });
  it('treats moves to or from "other" as lateral', () => {
    expect(planStageChange(hub, 'customer', 'other')).toEqual({ ok: true, direction: 'lateral' });
    expect(planStageChange(hub, 'other', 'lead')).toEqual({ ok: true, direction: 'lateral' });
  });
  it('treats stages sharing an order as the same level', () => {
    const set: StageSet = { ...twoStages(), stages: twoStages().stages.map((s) => ({ ...s, order: 0 })) };
    expect(planStageChange(set, 'a', 'b')).toEqual({ ok: true, direction: 'same' });
  });
  it('refuses no-op moves and unknown targets', () => {
    expect(planStageChange(hub, 'lead', 'lead')).toEqual({ ok: false, reason: 'unchanged' });
    expect(planStageChange(hub, 'lead', 'purchase')).toEqual({ ok: false, reason: 'unknown_stage' });
  });
  it('moves a contact in from a stage of another set laterally, so it never gets stuck', () => {
    expect(planStageChange(rel, 'lead', 'curiosity')).toEqual({ ok: true, direction: 'lateral' });
  });
  it('lets the relationship cycle close without a confirm, but not other backward moves', () => {
    expect(planStageChange(rel, 'retention', 'recovery')).toEqual({ ok: true, direction: 'forward' });
    expect(planStageChange(rel, 'recovery', 'purchase')).toEqual({ ok: true, direction: 'forward' });
    expect(planStageChange(rel, 'recovery', 'loyalty')).toEqual({ ok: false, reason: 'needs_confirmation' });
    expect(planStageChange(rel, 'loyalty', 'retention')).toEqual({ ok: false, reason: 'needs_confirmation' });
  });
});

describe('stageHistoryEntry', () => {
  const base = { id: 'h1', contactId: 'c1', from: 'customer', to: 'lead', at: 1_700_000_000_000, by: 'ana@x.com', reason: 'Wrong stage' };

  it('records a confirmed backward move as backward', () => {
    expect(stageHistoryEntry({ ...base, direction: 'backward' })).toEqual({ ...base, backward: true });
  });
  it('records other moves as not backward and keeps the rule id', () => {
    const entry = stageHistoryEntry({ ...base, from: 'lead', to: 'customer', direction: 'forward', ruleId: 'hubspot-deal-won' });
    expect(entry).toMatchObject({ backward: false, ruleId: 'hubspot-deal-won' });
    expect(entry).not.toHaveProperty('direction');
  });
  it('throws on invalid fields', () => {
    expect(() => stageHistoryEntry({ ...base, contactId: '', direction: 'forward' })).toThrow();
    expect(() => stageHistoryEntry({ ...base, to: 'Not Valid', direction: 'forward' })).toThrow(/Not a stage id/);
  });
});
