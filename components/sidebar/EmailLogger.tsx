import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { LogPolicy } from '@/lib/domain/consent';
import type { Contact } from '@/lib/domain/contact';
import { queryKeys } from '@/lib/query/keys';
import { useLogEmail, useLoggedActivity, useLogPolicy, useRemoveActivity } from '@/lib/query/record';
import type { ThreadContext, ThreadMessage } from '@/lib/sites/types';
import { ErrorNotice } from './ErrorNotice';
import { refocusInSidebar } from './refocus';
import { useSite } from './site';

const UNDO_MS = 10_000;

const NO_MESSAGE_HINT = { thread: 'log.noMessage', compose: 'log.composing', lookup: 'log.lookup' } as const;

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
  const policy = useLogPolicy(contact.id);
  const [canUndo, setCanUndo] = useState(false);
  // Logging and undoing swap the button for another: the rep's focus follows to the one that replaces it.
  const [focusGoesTo, setFocusGoesTo] = useState<'undo' | 'log' | null>(null);
  const focusIf = (which: 'undo' | 'log') => (button: HTMLButtonElement | null) => {
    if (!button || focusGoesTo !== which) return;
    setFocusGoesTo(null);
    refocusInSidebar(button);
  };
  const queryClient = useQueryClient();
  const { adapter, doc } = useSite();
  const readBody = (id: string) => {
    const body = adapter.readBody?.(doc, id);
    return body ? { body } : {};
  };

  useEffect(() => {
    if (!canUndo) return;
    const timer = setTimeout(() => setCanUndo(false), UNDO_MS);
    return () => clearTimeout(timer);
  }, [canUndo]);

  if (!message?.id) return <p className="ficha-hint">{i18n.t(NO_MESSAGE_HINT[thread.mode ?? 'thread'])}</p>;
  const messageId = message.id;
  const activity = logged.data;

  if (activity) {
    return (
      <div className="ficha-logged" data-testid="logged-state" role="status">
        <span>✓ {i18n.t('log.logged')}</span>
        <button
          type="button"
          className="ficha-link"
          ref={focusIf('undo')}
          disabled={remove.isPending}
          onClick={() =>
            remove.mutate(
              { id: activity.id },
              {
                onSuccess: () => {
                  setCanUndo(false);
                  setFocusGoesTo('log');
                },
              },
            )
          }
        >
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
          // Read now, not on every thread render; the background keeps it only if body storage is on.
          ...readBody(messageId),
        },
      },
      {
        onSuccess: ({ activity }) => {
          // Show the logged state from the answer itself; the refetches the write triggers come after.
          queryClient.setQueryData(queryKeys.logged(contact.id, messageId), activity);
          setCanUndo(true);
          setFocusGoesTo('undo');
        },
      },
    );

  const blocked = policy.data && !policy.data.allowed;
  const note = policy.data && policyNote(policy.data);
  return (
    <div className="ficha-logger">
      <button
        type="button"
        className="ficha-secondary"
        data-testid="log-email"
        ref={focusIf('log')}
        disabled={log.isPending || logged.isPending || policy.isPending || blocked}
        aria-describedby={note ? 'ficha-log-note' : undefined}
        onClick={submit}
      >
        {log.isPending ? i18n.t('log.logging') : i18n.t('log.logEmail')}
      </button>
      {note && (
        <p id="ficha-log-note" className={blocked ? 'ficha-blocked' : 'ficha-warning'} data-testid={blocked ? 'log-blocked' : 'log-warning'}>
          {note}
        </p>
      )}
      {log.error && <ErrorNotice error={log.error} />}
    </div>
  );
}

/** Why logging is off, or what to know before logging; nothing when all is well. */
function policyNote(policy: LogPolicy): string | null {
  if (policy.neverLog) return i18n.t('privacy.neverLogged', [policy.neverLog]);
  if (!policy.allowed) return policy.warning === 'opted_out' ? i18n.t('privacy.blockedOptedOut') : i18n.t('privacy.blockedNoBasis');
  if (policy.warning === 'opted_out') return i18n.t('privacy.warnOptedOut');
  if (policy.warning === 'do_not_contact') return i18n.t('privacy.warnDoNotContact');
  if (policy.warning === 'no_legal_basis') return i18n.t('privacy.warnNoBasis');
  return null;
}
