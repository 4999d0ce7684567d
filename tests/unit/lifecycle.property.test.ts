import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_STAGE_SETS, findStage, planStageChange, validateStageSet, type StageSet } from '@/lib/domain/lifecycle';

const stageIdArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);

/** Random valid stage sets: unique ids, orders that may repeat or be null. */
const stageSetArb: fc.Arbitrary<StageSet> = fc
  .uniqueArray(stageIdArb, { minLength: 2, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      orders: fc.array(fc.option(fc.nat({ max: 5 }), { nil: null }), { minLength: ids.length, maxLength: ids.length }),
      moves: fc.array(fc.record({ from: fc.constantFrom(...ids), to: fc.constantFrom(...ids) }), { maxLength: 3 }),
    }).map(({ orders, moves }) => ({
      id: 'random',
      name: { en: 'Random', es: 'Aleatorio' },
      stages: ids.map((id, i) => ({ id, label: { en: id, es: id }, order: orders[i] ?? null })),
      allowedMoves: moves,
    })),
  );

const anySetArb = fc.oneof(stageSetArb, fc.constantFrom(...PRESET_STAGE_SETS));

describe('planStageChange properties', () => {
  it('generated sets are valid', () => {
    fc.assert(fc.property(stageSetArb, (set) => validateStageSet(set).ok));
  });

  it('never allows a backward move without confirmation', () => {
    fc.assert(
      fc.property(anySetArb, fc.nat(), fc.nat(), fc.option(fc.boolean(), { nil: undefined }), (set, i, j, confirm) => {
        const from = set.stages[i % set.stages.length]!.id;
        const to = set.stages[j % set.stages.length]!.id;
        const plan = planStageChange(set, from, to, confirm === undefined ? {} : { confirmedBackward: confirm });
        if (plan.ok && plan.direction === 'backward') expect(confirm).toBe(true);
        // Whatever was refused for confirmation is a real backward move that a confirm unlocks.
        if (!plan.ok && plan.reason === 'needs_confirmation') {
          expect(planStageChange(set, from, to, { confirmedBackward: true })).toEqual({ ok: true, direction: 'backward' });
        }
      }),
    );
  });

  it('a confirmed move is always possible between two different known stages', () => {
    fc.assert(
      fc.property(anySetArb, fc.nat(), fc.nat(), (set, i, j) => {
        const from = set.stages[i % set.stages.length]!.id;
        const to = set.stages[j % set.stages.length]!.id;
        const plan = planStageChange(set, from, to, { confirmedBackward: true });
        expect(plan.ok).toBe(from !== to);
      }),
    );
  });

  it('forward moves go up in order unless the set allows them explicitly', () => {
    fc.assert(
      fc.property(anySetArb, fc.nat(), fc.nat(), (set, i, j) => {
        const from = set.stages[i % set.stages.length]!;
        const to = set.stages[j % set.stages.length]!;
        const plan = planStageChange(set, from.id, to.id);
        if (!plan.ok || plan.direction !== 'forward') return;
        const allowed = set.allowedMoves?.some((m) => m.from === from.id && m.to === to.id) ?? false;
        expect(allowed || (findStage(set, to.id)!.order ?? -1) > (from.order ?? Infinity)).toBe(true);
      }),
    );
  });
});
