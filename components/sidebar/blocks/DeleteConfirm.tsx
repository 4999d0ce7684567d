// The question before a contact is deleted, and the delete itself. It comes with the lazily injected block script
// (lazy-blocks.tsx): it is built only when the rep clicks "Delete contact".
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { ErrorNotice } from '../ErrorNotice';

export interface DeleteConfirmProps {
  contact: Contact;
  /** Cancel (or Escape): the question closes and the focus goes back to the button that opened it. */
  onClose: () => void;
}

export function DeleteConfirm({ contact, onClose }: DeleteConfirmProps) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => send<'privacy.erasePerson'>({ type: 'privacy.erasePerson', contactId: contact.id, addToNeverLog: false }),
    // Also after a failure: a contact already deleted elsewhere (sync) answers not_found, and the card should go.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.contacts }),
  });
  const name = fullName(contact) || primaryEmail(contact);
  return (
    <>
      <div
        className="ficha-confirm"
        role="alertdialog"
        aria-labelledby="ficha-delete-text"
        data-testid="contact-delete-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !remove.isPending) {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <p id="ficha-delete-text">{i18n.t('contactDelete.confirm', [name])}</p>
        <div className="ficha-row">
          <button type="button" className="ficha-primary" data-testid="contact-delete-confirm" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? i18n.t('contactDelete.deleting') : i18n.t('contactDelete.yes')}
          </button>
          {/* The safe choice has the focus when the question opens. */}
          <button autoFocus type="button" className="ficha-secondary" disabled={remove.isPending} onClick={onClose}>
            {i18n.t('contactDelete.no')}
          </button>
        </div>
      </div>
      {remove.error && <ErrorNotice error={remove.error} />}
    </>
  );
}
