import { useDeferredValue, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { stageLabel } from '@/components/ui/labels';
import { fullName } from '@/lib/domain/person';
import { useContactFind } from '@/lib/query/hooks';
import { ErrorNotice } from './ErrorNotice';

/**
 * The fallback when the webmail's page is not recognised (its markup changed): instead of guessing or vanishing,
 * the rep can still look a contact up by name, company or address.
 */
export function FindContact() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const results = useContactFind(deferred, 10);
  return (
    <aside className="ficha-sidebar" data-testid="sidebar" data-state="unrecognised" aria-label={i18n.t('sidebar.title')}>
      <header className="ficha-header">
        <span className="ficha-logo">{i18n.t('sidebar.title')}</span>
      </header>
      <div className="ficha-body">
        <p className="ficha-hint">{i18n.t('findContact.hint')}</p>
        <input
          type="search"
          className="ficha-input"
          data-testid="find-contact"
          aria-label={i18n.t('findContact.label')}
          placeholder={i18n.t('findContact.label')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {results.isError && <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />}
        {deferred && results.data?.length === 0 && <p className="ficha-hint">{i18n.t('findContact.none')}</p>}
        <ul className="ficha-cta-list">
          {(deferred ? (results.data ?? []) : []).map((c) => (
            <li key={c.id} className="ficha-cta-item" data-testid="find-contact-result">
              <strong>{fullName(c) || c.email}</strong>
              <span className="ficha-hint">{[c.email, c.company].filter(Boolean).join(' · ')}</span>
              <span className="ficha-hint">
                {stageLabel(c.lifecycleStage)} · {i18n.t('contact.leadScore')} {c.leadScore} ({c.leadGrade})
              </span>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
