import { useDeferredValue, useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { stageLabel } from '@/components/ui/labels';
import type { ContactSummary } from '@/lib/domain/contact-summary';
import { fullName } from '@/lib/domain/person';
import { useContactFind } from '@/lib/query/hooks';
import type { ThreadContext } from '@/lib/sites/types';
import { ErrorNotice } from './ErrorNotice';
import { SelectedCard } from './SelectedCard';
import { SidebarShell } from './SidebarShell';
import { useSite } from './site';

/**
 * The fallback when the webmail's page is not recognised (its markup changed): instead of guessing or vanishing,
 * the rep can still look a contact up by name, company or address and open their card.
 */
export function FindContact() {
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState<ContactSummary | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const deferred = useDeferredValue(query.trim());
  const results = useContactFind(deferred, 10);
  const { adapter } = useSite();

  if (opened) {
    return (
      <SidebarShell state="unrecognised">
        <button
          type="button"
          className="ficha-link ficha-back"
          data-testid="find-contact-back"
          // The list is shown again with the query kept: the rep lands back in the search box.
          onClick={() => {
            setOpened(null);
            requestAnimationFrame(() => search.current?.focus());
          }}
        >
          ← {i18n.t('findContact.back')}
        </button>
        <SelectedCard thread={lookupThread(adapter.site, opened)} email={opened.email} />
      </SidebarShell>
    );
  }
  return (
    <SidebarShell state="unrecognised">
      <p className="ficha-hint">{i18n.t('findContact.hint')}</p>
      <input
        ref={search}
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
      <ul className="ficha-results">
        {(deferred ? (results.data ?? []) : []).map((c) => (
          <li key={c.id} data-testid="find-contact-result">
            <button type="button" className="ficha-result" onClick={() => setOpened(c)}>
              <strong>{fullName(c) || c.email}</strong>
              <span className="ficha-hint">{[c.email, c.company].filter(Boolean).join(' · ')}</span>
              <span className="ficha-hint">
                {stageLabel(c.lifecycleStage)} · {i18n.t('contact.leadScore')} {c.leadScore} ({c.leadGrade})
              </span>
            </button>
          </li>
        ))}
      </ul>
    </SidebarShell>
  );
}

/**
 * The card needs a thread; a contact found by hand has none Ficha could read, so nothing can be logged from here.
 * Templates still insert when the page's editor is recognised.
 */
function lookupThread(site: ThreadContext['site'], contact: ContactSummary): ThreadContext {
  return {
    site,
    mode: 'lookup',
    threadId: null,
    subject: '',
    messageIds: [],
    messages: [],
    participants: [{ email: contact.email, name: fullName(contact), roles: [] }],
    selfEmail: null,
  };
}
