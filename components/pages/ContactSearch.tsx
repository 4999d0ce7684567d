import { useDeferredValue, useState } from 'react';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { stageLabel } from '@/components/ui/labels';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { useContactCount, useContactSearch } from '@/lib/query/hooks';

/** Prefix search over local contacts; an empty query lists the most recently updated. */
export function ContactSearch() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const results = useContactSearch(deferred);
  const count = useContactCount();

  return (
    <div>
      <label htmlFor="ficha-search" className="muted">
        {i18n.t('popup.searchLabel')}
      </label>
      <input
        id="ficha-search"
        type="search"
        autoFocus
        data-testid="contact-search"
        placeholder={i18n.t('popup.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {count.data !== undefined && <p className="muted" data-testid="contact-count">{i18n.t('popup.count', count.data, [count.data])}</p>}
      {results.isError && <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />}
      {results.data && results.data.length === 0 && (
        <p className="muted" role="status">{deferred ? i18n.t('popup.noMatches', [deferred]) : i18n.t('popup.noContacts')}</p>
      )}
      {results.data && results.data.length > 0 && (
        <>
          <h2 className="muted">{deferred ? i18n.t('popup.results') : i18n.t('popup.recent')}</h2>
          <ul className="results" aria-live="polite">
            {results.data.map((c) => (
              <li key={c.id} data-testid="search-result">
                <div className="name">
                  {fullName(c) || primaryEmail(c)}
                  <span className="stage">{stageLabel(c.lifecycleStage)}</span>
                </div>
                <div className="meta">{[primaryEmail(c), c.company, c.title].filter(Boolean).join(' · ')}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
