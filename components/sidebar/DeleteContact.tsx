import { type ComponentType, useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import type { DeleteConfirmProps } from './blocks/DeleteConfirm';

/**
 * "Delete contact", after a confirmation (`Confirm`: the sidebar's lazily injected copy, lazy-blocks.tsx). It is the
 * privacy erase without the never-log option: the contact goes with everything attached to it (timeline, notes,
 * stage history, consent log, deals), since rows left pointing at a deleted contact would never be shown again yet
 * still be kept. With team sync on, the storage middleware turns each delete into a tombstone in the same
 * transaction, so the contact disappears on every device. The privacy audit records the counts (never who), as for
 * any erasure.
 */
export function DeleteContact({ contact, Confirm }: { contact: Contact; Confirm: ComponentType<DeleteConfirmProps> }) {
  const [confirming, setConfirming] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  // Closing the question returns the focus to the button that opened it. The button closes it too: the question comes
  // with the block script, and if that could not load, the notice in its place has no Cancel (opening again retries).
  const close = () => {
    setConfirming(false);
    openButton.current?.focus();
  };
  return (
    <div className="ficha-delete-contact">
      <button ref={openButton} type="button" className="ficha-secondary" data-testid="contact-delete" aria-expanded={confirming} onClick={() => (confirming ? close() : setConfirming(true))}>
        {i18n.t('contactDelete.action')}
      </button>
      {confirming && <Confirm contact={contact} onClose={close} />}
    </div>
  );
}
