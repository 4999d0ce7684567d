import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Contact } from '@/lib/domain/contact';
import { i18n } from '@/lib/i18n/cached-messages';
import { useContactLookup } from '@/lib/query/hooks';
import type { ThreadContext } from '@/lib/sites/types';
import type { ThreadStore } from '@/lib/sites/watch';
import { ContactCard } from './ContactCard';
import { ErrorNotice } from './ErrorNotice';
import { FindContact } from './FindContact';
import type { HealthStore } from '@/lib/sites/health-watch';
import { ParticipantList } from './ParticipantList';
import { collapseStore } from './collapse';
import { ResizeHandle } from './ResizeHandle';
import { themeStore } from './theme-store';
import { widthStore } from './resize';
import { PICKER_OPEN, pickerRequests } from './picker-shortcut';
import { UnknownPerson } from './UnknownPerson';
import { Parked } from './Parked';
import { useView, useViewOf, useViewState, ViewContext } from './view';

/**
 * Present only while a thread is open; a new thread starts from its last external sender. The panel of the last
 * thread stays built (parked, out of the page) while none is open, so the next thread updates it in place.
 */
export function Sidebar({ store, health }: { store: ThreadStore; health: HealthStore }) {
  const thread = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const pageHealth = useSyncExternalStore(health.subscribe, health.getSnapshot);
  const view = useViewOf(thread ? (thread.threadId ?? thread.messageIds.join(',')) : null);
  const [last, setLast] = useState(thread);
  if (thread && thread !== last) setLast(thread);
  // Unrecognised: nothing read, or a message whose people could not be read (the webmail's markup changed).
  if (pageHealth === 'unrecognised' && (!thread || thread.participants.length === 0)) return <FindContact />;
  const shown = thread ?? last;
  if (!shown) return null;
  return (
    <ViewContext value={view}>
      <Parked shown={thread !== null}>
        <ThreadPanel thread={shown} />
      </Parked>
    </ViewContext>
  );
}

const ThreadPanel = memo(function ThreadPanel({ thread }: { thread: ThreadContext }) {
  const collapsed = useSyncExternalStore(collapseStore.subscribe, collapseStore.get);
  const setCollapsed = collapseStore.set;
  const width = useSyncExternalStore(widthStore.subscribe, widthStore.get);
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get);
  const view = useView();
  // Gmail and Outlook switch theme without a reload: look again, off the switch path, whenever a thread is shown.
  useEffect(() => themeStore.refreshWhenIdle(), [view]);
  const [picked, setPicked] = useViewState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  // Each thread is read from the top, as when the panel was built anew for it.
  useLayoutEffect(() => {
    if (body.current) body.current.scrollTop = 0;
  }, [view]);
  const participants = thread.participants;
  // A pick survives DOM updates of the same thread, unless that person left the thread (e.g. compose chip removed).
  const selected = participants.find((p) => p.email === picked) ?? participants[0];
  // The picker shortcut must work with the sidebar hidden too: show it, the template list takes focus.
  useEffect(() => {
    const expand = () => collapseStore.set(false);
    pickerRequests.addEventListener(PICKER_OPEN, expand);
    return () => pickerRequests.removeEventListener(PICKER_OPEN, expand);
  }, []);

  if (collapsed) {
    return (
      <aside className="ficha-sidebar ficha-collapsed" data-testid="sidebar" data-theme={theme}>
        <button type="button" className="ficha-tab" aria-expanded="false" aria-label={i18n.t('sidebar.expand')} onClick={() => setCollapsed(false)}>
          F
        </button>
      </aside>
    );
  }

  return (
    <aside className="ficha-sidebar" data-testid="sidebar" data-theme={theme} aria-label={i18n.t('sidebar.title')} style={{ width }}>
      <ResizeHandle width={width} />
      <header className="ficha-header">
        <span className="ficha-logo">{i18n.t('sidebar.title')}</span>
        <button type="button" className="ficha-icon" aria-expanded="true" aria-label={i18n.t('sidebar.collapse')} title={i18n.t('sidebar.collapse')} onClick={() => setCollapsed(true)}>
          ›
        </button>
      </header>
      <div className="ficha-body" ref={body}>
        {selected ? (
          <>
            <ParticipantList participants={participants} selected={selected.email} onSelect={setPicked} />
            <SelectedCard thread={thread} email={selected.email} />
          </>
        ) : (
          <p className="ficha-hint">{i18n.t('sidebar.noParticipants')}</p>
        )}
      </div>
    </aside>
  );
});

/** What a known contact's card was last built from, and in which view. */
interface CardInput {
  contact: Contact;
  thread: ThreadContext;
  view: number;
}

/**
 * The selected person's card. The last known contact's card stays built (parked) while an unknown person, the
 * loading state or an error is shown, so the next known contact updates it in place. It only ever shows the answer
 * for this thread's people: the lookup is keyed by them, and the card's own queries by the contact.
 */
function SelectedCard({ thread, email }: { thread: ThreadContext; email: string }) {
  const lookup = useContactLookup(thread.participants.map((p) => p.email));
  const view = useView();
  const participant = thread.participants.find((p) => p.email === email);
  // null: looked up, not a contact.
  const contact = (lookup.isSuccess && participant ? lookup.data[email] : null) ?? null;
  const [card, setCard] = useState<CardInput | null>(null);
  if (contact && (card?.contact !== contact || card.thread !== thread || card.view !== view)) setCard({ contact, thread, view });

  let status = null;
  if (!participant) status = null; // the pick left the thread: nothing until the panel picks again
  else if (lookup.isPending) {
    status = (
      <p className="ficha-hint" role="status" data-testid="contact-loading">
        {i18n.t('sidebar.loading')}
      </p>
    );
  } else if (lookup.isError) status = <ErrorNotice error={lookup.error} onRetry={() => void lookup.refetch()} />;
  else if (!contact) status = <UnknownPerson participant={participant} />;
  return (
    <>
      {status}
      {card && (
        <Parked shown={contact !== null}>
          <ViewContext value={card.view}>
            <KnownCard contact={card.contact} thread={card.thread} />
          </ViewContext>
        </Parked>
      )}
    </>
  );
}

// Parked or unchanged, the card is not rendered again when the thread panel is.
const KnownCard = memo(ContactCard);
