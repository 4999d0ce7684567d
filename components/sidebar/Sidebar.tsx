import { useState, useSyncExternalStore } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { ThreadContext } from '@/lib/sites/types';
import type { ThreadStore } from '@/lib/sites/watch';
import { FindContact } from './FindContact';
import type { HealthStore } from '@/lib/sites/health-watch';
import { ParticipantList } from './ParticipantList';
import { SidebarShell } from './SidebarShell';
import { SelectedCard } from './SelectedCard';
import { ErrorBoundary } from './ErrorBoundary';

/** Present only while a thread is open; a new thread starts from its last external sender. */
export function Sidebar({ store, health }: { store: ThreadStore; health: HealthStore }) {
  const thread = useSyncExternalStore(store.subscribe, store.getSnapshot);
  // Only whether the page is unrecognised: its other moves (a thread opened or left) then render nothing here, which
  // on a thread switch saves a React pass before the card's.
  const unrecognised = useSyncExternalStore(health.subscribe, () => health.getSnapshot() === 'unrecognised');
  // Unrecognised: nothing read, or a message whose people could not be read (the webmail's markup changed).
  if (unrecognised && (!thread || thread.participants.length === 0)) return <FindContact />;
  if (!thread) return null;
  return <ThreadPanel key={thread.threadId ?? thread.messageIds.join(',')} thread={thread} />;
}

function ThreadPanel({ thread }: { thread: ThreadContext }) {
  const [picked, setPicked] = useState<string | null>(null);
  const participants = thread.participants;
  // A pick survives DOM updates of the same thread, unless that person left the thread (e.g. compose chip removed).
  const selected = participants.find((p) => p.email === picked) ?? participants[0];

  return (
    <SidebarShell>
      {selected ? (
        <>
          <ParticipantList participants={participants} selected={selected.email} onSelect={setPicked} compose={thread?.mode === 'compose'} />
          <ErrorBoundary resetKey={selected.email}>
            <SelectedCard thread={thread} email={selected.email} />
          </ErrorBoundary>
        </>
      ) : (
        <p className="ficha-hint">{i18n.t('sidebar.noParticipants')}</p>
      )}
    </SidebarShell>
  );
}
