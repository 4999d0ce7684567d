import { i18n } from '@/lib/i18n/cached-messages';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { ErrorNotice } from './ErrorNotice';

/**
 * "Delete contact", after a confirmation. It is the privacy erase without the never-log option: the contact goes
 * with everything attached to it (timeline, notes, stage history, consent log, deals), since rows left pointing at
 * a deleted contact would never be shown again yet still be kept. With team sync on, the storage middleware turns
 * each delete into a tombstone in the same transaction, so the contact disappears on every device. The privacy audit
 * records the counts (never who), as for any erasure.
 */
export function DeleteContact({ contact }: { contact: Contact }) {
  const [confirming, setConfirming] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => send<'privacy.erasePerson'>({ type: 'privacy.erasePerson', contactId: contact.id, addToNeverLog: false }),
    // Also after a failure: a contact already deleted elsewhere (sync) answers not_found, and the card should go.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.contacts }),
  });

  // The safe choice (Cancel, autoFocus) has the focus when the question opens; closing returns it to the button.
  const close = () => {
    setConfirming(false);
    openButton.current?.focus();
  };

  const name = fullName(contact) || primaryEmail(contact);
  return (
    <div className="ficha-delete-contact">
      <button ref={openButton} type="button" className="ficha-secondary" data-testid="contact-delete" aria-expanded={confirming} onClick={() => setConfirming(true)}>
        {i18n.t('contactDelete.action')}
      </button>
      {confirming && (
        <div
          className="ficha-confirm"
          role="alertdialog"
          aria-labelledby="ficha-delete-text"
          data-testid="contact-delete-dialog"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !remove.isPending) {
              e.stopPropagation();
              close();
            }
          }}
        >
          <p id="ficha-delete-text">{i18n.t('contactDelete.confirm', [name])}</p>
          <div className="ficha-row">
            <button type="button" className="ficha-primary" data-testid="contact-delete-confirm" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {remove.isPending ? i18n.t('contactDelete.deleting') : i18n.t('contactDelete.yes')}
            </button>
            <button autoFocus type="button" className="ficha-secondary" disabled={remove.isPending} onClick={close}>
              {i18n.t('contactDelete.no')}
            </button>
          </div>
        </div>
      )}
      {remove.error && <ErrorNotice error={remove.error} />}
    </div>
  );
}
