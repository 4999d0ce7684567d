import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { stageLabel } from '@/components/ui/labels';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { isNotFound, useContact, useContactFind } from '@/lib/query/hooks';
import type { ThreadContext } from '@/lib/sites/types';
import { useCardWarmUp } from './card-queries';
import { ContactCard } from './ContactCard';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorNotice } from './ErrorNotice';
import { SidebarShell } from './SidebarShell';
import { useSite } from './site';

/**
 * The fallback when the webmail's page is not recognised (its markup changed): instead of guessing or vanishing,
 * the rep can still look a contact up by name, company or address and open their card.
 */
export function FindContact() {
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  // Said once in the results after the opened contact turned out to be gone (deleted here or by a teammate).
  const [gone, setGone] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const deferred = useDeferredValue(query.trim());
  const results = useContactFind(deferred, 10);
  const backToResults = (contactGone: boolean) => {
    setOpened(null);
    setGone(contactGone);
    // The list is shown again with the query kept: the rep lands back in the search box.
    requestAnimationFrame(() => search.current?.focus());
  };

  if (opened) {
    return (
      <SidebarShell state="unrecognised">
        <FoundCard id={opened} onBack={backToResults} />
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
      {gone && (
        <p className="ficha-hint" role="status">
          {i18n.t('findContact.gone')}
        </p>
      )}
      {results.isError && <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />}
      {deferred && results.data?.length === 0 && <p className="ficha-hint">{i18n.t('findContact.none')}</p>}
      <ul className="ficha-results">
        {(deferred ? (results.data ?? []) : []).map((c) => (
          <li key={c.id} data-testid="find-contact-result">
            <button type="button" className="ficha-result" onClick={() => setOpened(c.id)}>
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
 * The opened contact, followed by id: an edited address keeps the card, and a contact deleted meanwhile (from this
 * card or elsewhere) sends the rep back to the results instead of offering to create it again.
 */
function FoundCard({ id, onBack }: { id: string; onBack: (contactGone: boolean) => void }) {
  const contact = useContact(id);
  const { adapter } = useSite();
  const thread = useMemo(() => (contact.data ? lookupThread(adapter.site, contact.data) : null), [adapter.site, contact.data]);
  const warm = useCardWarmUp(contact.data, thread);
  const back = useRef<HTMLButtonElement>(null);
  // The result button that opened the card is gone: the focus moves to Back instead of to the page's body.
  useEffect(() => back.current?.focus(), []);
  const missing = isNotFound(contact.error);
  useEffect(() => {
    if (missing) onBack(true);
  }, [missing, onBack]);
  if (missing) return null;
  return (
    <>
      <button
        type="button"
        className="ficha-link"
        data-testid="find-contact-back"
        ref={back}
        onClick={() => onBack(false)}
      >
        ← {i18n.t('findContact.back')}
      </button>
      {(contact.isPending || (contact.data && !warm)) && (
        <p className="ficha-hint" role="status" data-testid="contact-loading">
          {i18n.t('sidebar.loading')}
        </p>
      )}
      {contact.isError && <ErrorNotice error={contact.error} onRetry={() => void contact.refetch()} />}
      {contact.data && thread && warm && (
        <ErrorBoundary resetKey={contact.data.id}>
          <ContactCard key={contact.data.id} contact={contact.data} thread={thread} />
        </ErrorBoundary>
      )}
    </>
  );
}

/**
 * The card needs a thread; a contact found by hand has none Ficha could read, so nothing can be logged from here,
 * and a template goes only into an editor the rep already opened (mode 'lookup': no reply is opened for them).
 */
function lookupThread(site: ThreadContext['site'], contact: Contact): ThreadContext {
  return {
    site,
    mode: 'lookup',
    threadId: null,
    subject: '',
    messageIds: [],
    messages: [],
    participants: [{ email: primaryEmail(contact), name: fullName(contact), roles: [] }],
    selfEmail: null,
  };
}
