import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import type { Contact } from '@/lib/domain/contact';
import { useLogEmail, useLoggedActivity, useRemoveActivity } from '@/lib/query/record';
import type { ThreadContext, ThreadMessage } from '@/lib/sites/types';
import { ErrorNotice } from './ErrorNotice';

const UNDO_MS = 10_000;

/** The open message: the newest one on the page that carries an id. */
export function openMessage(thread: ThreadContext): ThreadMessage | null {
  return thread.messages.findLast((m) => m.id !== null) ?? null;
}

/** One click logs the open message to the contact; Undo for 10 s, then a remove action. */
export function EmailLogger({ contact, thread }: { contact: Contact; thread: ThreadContext }) {
  const message = openMessage(thread);
  const logged = useLoggedActivity(contact.id, message?.id ?? null);
  const log = useLogEmail(contact.id);
  const remove = useRemoveActivity(contact.id);
  const [canUndo, setCanUndo] = useState(false);

  useEffect(() => {
    if (!canUndo) return;
    const timer = setTimeout(() => setCanUndo(false), UNDO_MS);
    return () => clearTimeout(timer);
  }, [canUndo]);

  if (!message?.id) return <p className="ficha-hint">{i18n.t('log.noMessage')}</p>;
  const messageId = message.id;
  const activity = logged.data;

  if (activity) {
    return (
      <div className="ficha-logged" data-testid="logged-state" role="status">
        <span>✓ {i18n.t('log.logged')}</span>
        <button type="button" className="ficha-link" disabled={remove.isPending} onClick={() => remove.mutate({ id: activity.id }, { onSuccess: () => setCanUndo(false) })}>
          {canUndo ? i18n.t('log.undo') : i18n.t('log.remove')}
        </button>
      </div>
    );
  }

  const submit = () =>
    log.mutate(
      {
        email: {
          contactId: contact.id,
          messageId,
          threadId: thread.threadId,
          subject: thread.subject,
          direction: message.from !== null && message.from === thread.selfEmail ? 'out' : 'in',
          sentAt: message.sentAt,
          participants: [...new Set([message.from, ...message.to].filter((e): e is string => !!e))],
        },
      },
      { onSuccess: () => setCanUndo(true) },
    );

  return (
    <div>
      <button type="button" className="ficha-secondary" data-testid="log-email" disabled={log.isPending || logged.isPending} onClick={submit}>
        {log.isPending ? i18n.t('log.logging') : i18n.t('log.logEmail')}
      </button>
      {log.error && <ErrorNotice error={log.error} />}
    </div>
  );
}
