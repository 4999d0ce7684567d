import { uiLanguage } from '@/lib/i18n/ui-language';
import { useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { stageLabel } from '@/components/ui/labels';
import type { Contact } from '@/lib/domain/contact';
import { PRESET_STAGE_IDS } from '@/lib/domain/stage-ids';
import { useSettings } from '@/lib/query/settings';
import { FichaError } from '@/lib/messaging/errors';
import { useChangeStage, useStageHistory, useStageSuggestions } from '@/lib/query/record';
import { formatDateTime } from './blocks/format';
import { ErrorNotice } from './ErrorNotice';

const BROWSE_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * The stage as a control. Forward moves apply at once; the background refuses a backward move until the rep
 * confirms it here, so the forward-only rule lives in one place (lib/domain/lifecycle.ts).
 */
export function StageControl({ contact }: { contact: Contact }) {
  const change = useChangeStage(contact.id);
  const stageSet = useSettings().data?.stageSet ?? 'hubspot';
  // A stage outside the active set (the set was switched, or an imported value) stays visible until moved.
  const choices: readonly string[] = PRESET_STAGE_IDS[stageSet];
  const stages = choices.includes(contact.lifecycleStage) ? choices : [contact.lifecycleStage, ...choices];
  const [pendingBack, setPendingBack] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // A closed select changes its value on every arrow key: those are a rep looking through the stages, not moves. The
  // stage browsed to is kept as a draft and moved to on Enter or when the control loses focus; Escape drops it.
  const [draft, setDraft] = useState<string | null>(null);
  const browsing = useRef(false);
  const commit = (to: string) => {
    setDraft(null);
    if (to !== contact.lifecycleStage) move(to);
  };

  const move = (to: string, confirmedBackward = false) =>
    change.mutate(
      { contactId: contact.id, to, reason, confirmedBackward },
      {
        onSuccess: () => {
          setPendingBack(null);
          setReason('');
        },
        onError: (error) => {
          if (error instanceof FichaError && error.code === 'needs_confirmation') setPendingBack(to);
        },
      },
    );
  const refusedForConfirmation = change.error instanceof FichaError && change.error.code === 'needs_confirmation';

  return (
    <div className="ficha-stage-control">
      <label className="ficha-visually-hidden" htmlFor="ficha-stage">
        {i18n.t('stageControl.label')}
      </label>
      <select
        id="ficha-stage"
        className="ficha-stage"
        data-testid="lifecycle-stage"
        data-stage={contact.lifecycleStage}
        value={draft ?? contact.lifecycleStage}
        aria-busy={change.isPending}
        onKeyDown={(e) => {
          // Arrows and typeahead letters change a closed select at once; Alt+arrow opens its list instead.
          const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
          if (plain && (BROWSE_KEYS.has(e.key) || e.key.length === 1)) {
            browsing.current = true;
            setTimeout(() => (browsing.current = false)); // after the key's own change event
          } else if (e.key === 'Enter' && draft !== null) commit(draft);
          else if (e.key === 'Escape') setDraft(null);
        }}
        onChange={(e) => (browsing.current ? setDraft(e.target.value) : commit(e.target.value))}
        onBlur={() => draft !== null && commit(draft)}
      >
        {stages.map((id) => (
          <option key={id} value={id}>
            {stageLabel(id)}
          </option>
        ))}
      </select>
      {pendingBack && (
        <div className="ficha-confirm" role="alertdialog" aria-labelledby="ficha-confirm-text" data-testid="stage-confirm">
          <p id="ficha-confirm-text">{i18n.t('stageControl.confirmBack', [stageLabel(contact.lifecycleStage), stageLabel(pendingBack)])}</p>
          <label htmlFor="ficha-stage-reason">{i18n.t('stageControl.reasonLabel')}</label>
          <input id="ficha-stage-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <div className="ficha-row">
            <button type="button" className="ficha-primary" onClick={() => move(pendingBack, true)}>
              {i18n.t('stageControl.confirm')}
            </button>
            <button type="button" className="ficha-secondary" onClick={() => setPendingBack(null)}>
              {i18n.t('stageControl.cancel')}
            </button>
          </div>
        </div>
      )}
      {change.error && !refusedForConfirmation && <ErrorNotice error={change.error} />}
      <StageSuggestions contact={contact} onApply={(to, why) => change.mutate({ contactId: contact.id, to, reason: why, confirmedBackward: false })} />
    </div>
  );
}

/** Moves the rules propose (score crossed the MQL threshold, a deal was won…); one click applies one. */
function StageSuggestions({ contact, onApply }: { contact: Contact; onApply: (to: string, reason: string) => void }) {
  const suggestions = useStageSuggestions(contact.id);
  const lang = uiLanguage().startsWith('es') ? 'es' : 'en';
  if (!suggestions.data?.length) return null;
  return (
    <ul className="ficha-suggestions" aria-label={i18n.t('stageSuggest.suggested')}>
      {suggestions.data.map((s) => (
        <li key={s.ruleId} data-testid="stage-suggestion" data-to={s.to}>
          <span>
            {i18n.t('stageSuggest.suggestion', [stageLabel(s.to)])} <span className="ficha-muted">· {s.reason[lang]}</span>
          </span>
          <button type="button" className="ficha-link" onClick={() => onApply(s.to, s.reason[lang])}>
            {i18n.t('stageSuggest.apply')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Every move of this contact, newest first; in the page while folded, so its entries can be read without opening. */
export function StageHistory({ contactId }: { contactId: string }) {
  const history = useStageHistory(contactId);
  return (
    <details className="ficha-details" data-testid="stage-history">
      <summary>{i18n.t('stageControl.history')}</summary>
      {history.isError && <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />}
      {history.data?.length === 0 && <p className="ficha-hint">{i18n.t('stageControl.historyEmpty')}</p>}
      <ol>
        {history.data?.map((h) => (
          <li key={h.id} data-testid="stage-history-entry" data-from={h.from} data-to={h.to} data-backward={h.backward}>
            <span>{i18n.t('stageControl.historyEntry', [stageLabel(h.from), stageLabel(h.to)])}</span>
            {h.backward && <span className="ficha-tag">{i18n.t('stageControl.backward')}</span>}
            <time dateTime={new Date(h.at).toISOString()}>{formatDateTime(h.at)}</time>
            {h.reason && <span className="ficha-activity-summary">{h.reason}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
