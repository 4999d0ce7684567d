// The scoring model in force: loaded at start, replaced only by a valid model, followed by a full background rescore.
import { compileModel } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { parseScoringModel, type ScoringModel } from '@/lib/domain/scoring-model';
import type { FichaDb, SettingsRow } from './db';
import { rescoreAll, type RescoreStatus } from './rescore';
import { setActiveScorer } from './scores';

export type SaveModelResult = { ok: true; model: ScoringModel; rescore: RescoreStatus } | { ok: false; errors: { path: string; message: string }[] };

export function scoringService(db: FichaDb, now: () => number = Date.now) {
  let model: ScoringModel = DEFAULT_SCORING_MODEL;
  let isDefault = true;
  let status: RescoreStatus = { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null };
  let generation = 0;

  const activate = (next: ScoringModel, fromDefault: boolean) => {
    model = next;
    isDefault = fromDefault;
    setActiveScorer(db, compileModel(next));
  };

  /** Starts (or restarts) a full rescore; the previous run stops at its next chunk. */
  function startRescore(): RescoreStatus {
    const run = ++generation;
    const scorer = compileModel(model);
    status = { state: 'running', done: 0, total: 0, startedAt: now(), finishedAt: null };
    void rescoreAll(db, scorer, now(), (p) => run === generation && (status = { ...status, ...p }), () => run !== generation)
      .then(async () => {
        if (run !== generation) return;
        const row = await db.settings.get('scoringModel');
        if (row?.key !== 'scoringModel') return;
        const done: SettingsRow = { ...row, rescored: true };
        await db.settings.put(done);
        status = { ...status, state: 'done', finishedAt: now() };
      })
      .catch((error: unknown) => {
        if (run === generation) status = { ...status, state: 'error', finishedAt: now(), error: String(error) };
      });
    return status;
  }

  return {
    /** Loads the saved model; resumes a rescore that a worker restart interrupted. */
    async load(): Promise<void> {
      const row = await db.settings.get('scoringModel');
      if (row?.key !== 'scoringModel') return;
      const parsed = parseScoringModel(row.value);
      if (!parsed.ok) return; // a corrupt row keeps the default model working
      activate(parsed.model, false);
      if (!row.rescored) startRescore();
    },

    getModel: () => ({ model, isDefault }),
    status: () => status,

    /** Validates first: an invalid model changes nothing and the previous one keeps scoring. */
    async save(raw: unknown): Promise<SaveModelResult> {
      const parsed = parseScoringModel(raw);
      if (!parsed.ok) return parsed;
      const row: SettingsRow = { key: 'scoringModel', value: parsed.model, rescored: false };
      await db.settings.put(row);
      activate(parsed.model, false);
      return { ok: true, model: parsed.model, rescore: startRescore() };
    },

    async reset(): Promise<{ model: ScoringModel; rescore: RescoreStatus }> {
      await db.settings.delete('scoringModel');
      activate(DEFAULT_SCORING_MODEL, true);
      return { model, rescore: startRescore() };
    },
  };
}

export type ScoringService = ReturnType<typeof scoringService>;
