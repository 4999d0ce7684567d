import { useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { parseScoringModel, type ScoringModel } from '@/lib/domain/scoring-model';
import { localiseModelLabels } from '@/lib/domain/scoring-labels';
import { browser } from 'wxt/browser';
import { useRescoreStatus, useResetScoringModel, useSaveScoringModel, useScoringModel } from '@/lib/query/settings';
import { DimensionEditor, FieldError, NumberField } from './DimensionEditor';
import { type Draft, edit } from './model-edits';
import { errorPlace, errorText } from './error-text';
import { ScorePreview } from './ScorePreview';

/** The lead-scoring model editor: validated as you type, saved only when valid, then every contact is rescored. */
export function ScoringSection() {
  const saved = useScoringModel();
  if (saved.isError) return <ErrorNotice error={saved.error} onRetry={() => void saved.refetch()} />;
  if (!saved.data) return <p className="muted">{i18n.t('sidebar.loading')}</p>;
  // A new saved model (save, reset) starts a fresh draft from it.
  return <ModelEditor key={saved.dataUpdatedAt} saved={saved.data.model} isDefault={saved.data.isDefault} />;
}

function ModelEditor({ saved, isDefault }: { saved: ScoringModel; isDefault: boolean }) {
  const status = useRescoreStatus();
  const save = useSaveScoringModel();
  const reset = useResetScoringModel();
  const [draft, setDraft] = useState<Draft>(() => localiseModelLabels(structuredClone(saved), browser.i18n.getUILanguage()));

  const parsed = useMemo(() => parseScoringModel(draft), [draft]);
  const errors = parsed.ok ? [] : parsed.errors;
  const errorAt = (path: string) => {
    const found = path.endsWith('*') ? errors.find((e) => e.path.startsWith(path.slice(0, -1))) : errors.find((e) => e.path === path);
    return found && errorText(found);
  };

  const change = (mutate: (d: Draft) => void) => setDraft(edit(draft, mutate));
  const run = status.data;

  return (
    <div className="scoring" data-testid="scoring-editor">
      <p className="muted">{i18n.t('scoringEditor.intro')}</p>
      {isDefault && <p className="muted">{i18n.t('scoringEditor.defaultModel')}</p>}
      <div className="scoring-head">
        <span>{i18n.t('scoringEditor.weights')}</span>
        <NumberField label={i18n.t('scoringEditor.fitWeight')} value={draft.weights.fit} onChange={(v) => change((d) => void (d.weights.fit = v))} />
        <NumberField label={i18n.t('scoringEditor.engagementWeight')} value={draft.weights.engagement} onChange={(v) => change((d) => void (d.weights.engagement = v))} />
        <FieldError message={errorAt('weights')} />
        <span>{i18n.t('scoringEditor.grades')}</span>
        {(['fitA', 'fitB', 'engagement1', 'engagement2'] as const).map((k) => (
          <NumberField key={k} label={i18n.t(`scoringEditor.grade.${k}`)} value={draft.grades[k]} error={errorAt(`grades.${k}`)} onChange={(v) => change((d) => void (d.grades[k] = v))} />
        ))}
        <span>{i18n.t('scoringEditor.mql')}</span>
        <NumberField label={i18n.t('scoringEditor.mql')} value={draft.mqlThreshold} error={errorAt('mqlThreshold')} onChange={(v) => change((d) => void (d.mqlThreshold = v))} />
      </div>
      <div className="scoring-body">
        <div>
          <DimensionEditor draft={draft} dimension="fit" errorAt={errorAt} onChange={setDraft} />
          <DimensionEditor draft={draft} dimension="engagement" errorAt={errorAt} onChange={setDraft} />
        </div>
        <ScorePreview model={parsed.ok ? parsed.model : null} />
      </div>
      {errors.length > 0 && (
        <div role="alert" className="error-text" data-testid="scoring-invalid">
          <p>{i18n.t('scoringEditor.invalid')}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={`${e.path}:${e.key}:${i}`}>
                <strong>{errorPlace(draft, e.path)}</strong>: {errorText(e)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="row">
        <button type="button" data-testid="scoring-save" disabled={!parsed.ok || save.isPending} onClick={() => parsed.ok && save.mutate(parsed.model)}>
          {i18n.t('scoringEditor.save')}
        </button>
        <button type="button" disabled={reset.isPending || isDefault} onClick={() => reset.mutate()}>
          {i18n.t('scoringEditor.reset')}
        </button>
      </div>
      {(save.error ?? reset.error) && <ErrorNotice error={save.error ?? reset.error} />}
      {run && run.state !== 'idle' && (
        <p role="status" data-testid="rescore-status" data-state={run.state}>
          <progress data-testid="rescore-progress" max={Math.max(run.total, 1)} value={run.done} />{' '}
          {run.state === 'running' ? i18n.t('scoringEditor.rescoring', [run.done, run.total]) : run.state === 'done' ? i18n.t('scoringEditor.rescored', [run.done]) : run.error}
        </p>
      )}
    </div>
  );
}
