import { useDeferredValue, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { stageLabel } from '@/components/ui/labels';
import { fullName } from '@/lib/domain/person';
import { useContactCount, useContactFind } from '@/lib/query/hooks';

const cardUrl = (id: string) => browser.runtime.getURL(`/contact.html?id=${encodeURIComponent(id)}`);

/**
 * Prefix search over local contacts; an empty query lists the most recently updated. `closeAfterOpen`: the popup
 * closes itself once a card opens; a page (Settings) must stay open.
 */
export function ContactSearch({ closeAfterOpen = false }: { closeAfterOpen?: boolean }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const results = useContactFind(deferred);
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
                  {fullName(c) || c.email}
                  <span className="stage">{stageLabel(c.lifecycleStage)}</span>
                </div>
                <div className="meta">{[c.email, c.company, c.title].filter(Boolean).join(' · ')}</div>
                <a
                  href={cardUrl(c.id)}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="popup-open-card"
                  aria-label={i18n.t('popup.openCardOf', [fullName(c) || c.email])}
                  // A tab of its own: the popup closes as soon as focus leaves it.
                  onClick={(e) => {
                    e.preventDefault();
                    void browser.tabs.create({ url: cardUrl(c.id) }).then(() => {
                      if (closeAfterOpen) window.close();
                    });
                  }}
                >
                  {i18n.t('popup.openCard')}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
