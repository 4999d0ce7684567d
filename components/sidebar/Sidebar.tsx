import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
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

/** Present only while a thread is open; a new thread starts from its last external sender. */
export function Sidebar({ store, health }: { store: ThreadStore; health: HealthStore }) {
  const thread = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const pageHealth = useSyncExternalStore(health.subscribe, health.getSnapshot);
  // Unrecognised: nothing read, or a message whose people could not be read (the webmail's markup changed).
  if (pageHealth === 'unrecognised' && (!thread || thread.participants.length === 0)) return <FindContact />;
  if (!thread) return null;
  return <ThreadPanel key={thread.threadId ?? thread.messageIds.join(',')} thread={thread} />;
}

function ThreadPanel({ thread }: { thread: ThreadContext }) {
  const collapsed = useSyncExternalStore(collapseStore.subscribe, collapseStore.get);
  // The toggle is a different button in each state: the one clicked hands the focus to the one that replaces it.
  // Only the button of the state asked for takes it: other renders before that state arrives leave it alone.
  const toggledTo = useRef<boolean | null>(null);
  const toggle = (to: boolean) => {
    toggledTo.current = to;
    collapseStore.set(to);
  };
  const keepFocus = (state: boolean) => (button: HTMLButtonElement | null) => {
    if (button && toggledTo.current === state) {
      toggledTo.current = null;
      button.focus();
    }
  };
  const width = useSyncExternalStore(widthStore.subscribe, widthStore.get);
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get);
  // Gmail and Outlook switch theme without a reload: look again, off the switch path, whenever a thread is shown.
  useEffect(() => themeStore.refreshWhenIdle(), []);
  const [picked, setPicked] = useState<string | null>(null);
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
        <button type="button" className="ficha-tab" aria-expanded="false" aria-label={i18n.t('sidebar.expand')} ref={keepFocus(true)} onClick={() => toggle(false)}>
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
        <button type="button" className="ficha-icon" aria-expanded="true" aria-label={i18n.t('sidebar.collapse')} title={i18n.t('sidebar.collapse')} ref={keepFocus(false)} onClick={() => toggle(true)}>
          ›
        </button>
      </header>
      <div className="ficha-body">
        {selected ? (
          <>
            <ParticipantList participants={participants} selected={selected.email} onSelect={setPicked} compose={thread?.mode === 'compose'} />
            <SelectedCard thread={thread} email={selected.email} />
          </>
        ) : (
          <p className="ficha-hint">{i18n.t('sidebar.noParticipants')}</p>
        )}
      </div>
    </aside>
  );
}

function SelectedCard({ thread, email }: { thread: ThreadContext; email: string }) {
  const lookup = useContactLookup(thread.participants.map((p) => p.email));
  const participant = thread.participants.find((p) => p.email === email);
  if (!participant) return null;
  if (lookup.isPending) {
    return (
      <p className="ficha-hint" role="status" data-testid="contact-loading">
        {i18n.t('sidebar.loading')}
      </p>
    );
  }
  if (lookup.isError) return <ErrorNotice error={lookup.error} onRetry={() => void lookup.refetch()} />;
  const contact = lookup.data[email];
  // Keyed: a draft stage, a pending confirmation or an Undo never carries over to the next person.
  return contact ? <ContactCard key={contact.id} contact={contact} thread={thread} /> : <UnknownPerson participant={participant} />;
}
