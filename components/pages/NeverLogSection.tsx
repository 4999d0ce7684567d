import { type FormEvent, useState } from 'react';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { FichaError } from '@/lib/messaging/errors';
import { useSettings, useUpdateSettings } from '@/lib/query/settings';

/** The never-log list and the legal-basis switch; the background validates and enforces both. */
export function NeverLogSection() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const [draft, setDraft] = useState('');
  const [rejected, setRejected] = useState<string | null>(null);
  const list = settings.data?.neverLog ?? [];
  // Show the switch's new state while the background saves it (react-query's "optimistic via variables").
  const requireLegalBasis = (update.isPending ? update.variables?.requireLegalBasis : undefined) ?? settings.data?.requireLegalBasis ?? false;

  const add = (event: FormEvent) => {
    event.preventDefault();
    const entry = draft.trim();
    if (!entry) return;
    update.mutate(
      { neverLog: [...list, entry] },
      {
        onSuccess: () => {
          setDraft('');
          setRejected(null);
        },
        onError: (error) => setRejected(error instanceof FichaError && error.code === 'invalid_message' ? entry : null),
      },
    );
  };

  return (
    <section aria-labelledby="opt-never-log">
      <h2 id="opt-never-log">{i18n.t('neverLog.title')}</h2>
      <p className="muted">{i18n.t('neverLog.body')}</p>
      <form onSubmit={add} className="inline-form">
        <label htmlFor="never-log-input" className="muted">
          {i18n.t('neverLog.inputLabel')}
        </label>
        <input
          id="never-log-input"
          data-testid="never-log-input"
          value={draft}
          placeholder={i18n.t('neverLog.placeholder')}
          aria-invalid={rejected !== null}
          aria-describedby={rejected ? 'never-log-error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" data-testid="never-log-add" disabled={update.isPending || !draft.trim()}>
          {i18n.t('neverLog.add')}
        </button>
      </form>
      {rejected && (
        <p id="never-log-error" role="alert" className="error-text">
          {i18n.t('neverLog.invalid', [rejected])}
        </p>
      )}
      {update.error && !rejected && <ErrorNotice error={update.error} />}
      {settings.isError && <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && list.length === 0 && <p className="muted">{i18n.t('neverLog.empty')}</p>}
      <ul className="results">
        {list.map((entry) => (
          <li key={entry} data-testid="never-log-entry" className="row">
            <span>{entry}</span>
            <button type="button" aria-label={i18n.t('neverLog.remove', [entry])} onClick={() => update.mutate({ neverLog: list.filter((e) => e !== entry) })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <label className="row">
        <input
          type="checkbox"
          data-testid="require-legal-basis"
          checked={requireLegalBasis}
          disabled={!settings.data || update.isPending}
          onChange={(e) => update.mutate({ requireLegalBasis: e.target.checked })}
        />
        {i18n.t('neverLog.requireLegalBasis')}
      </label>
      <label className="row">
        <input
          type="checkbox"
          data-testid="store-bodies"
          checked={(update.isPending ? update.variables?.storeBodies : undefined) ?? settings.data?.storeBodies ?? false}
          disabled={!settings.data || update.isPending}
          onChange={(e) => update.mutate({ storeBodies: e.target.checked })}
        />
        {i18n.t('storeBodies.label')}
      </label>
    </section>
  );
}
