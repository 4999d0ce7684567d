import { useEffect, useRef } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { useUpdateFields } from '@/lib/query/profile';
import { useLogEmail, useLogPolicy } from '@/lib/query/record';
import type { ThreadContext, ThreadMessage } from '@/lib/sites/types';
import { ErrorNotice } from './ErrorNotice';

/** The messages of this thread that involve the contact and carry an id: what auto-log logs. */
export function messagesWith(contact: Contact, thread: ThreadContext): ThreadMessage[] {
  const addresses = new Set(contact.emails.map((e) => e.address));
  return thread.messages.filter((m) => m.id !== null && (addresses.has(m.from ?? '') || m.to.some((to) => addresses.has(to))));
}

/**
 * Per-contact switch: when on, every message of the contact's threads is logged as it is shown (the background
 * de-duplicates, and still refuses never-log addresses and contacts without a required legal basis).
 */
export function AutoLog({ contact, thread }: { contact: Contact; thread: ThreadContext }) {
  const update = useUpdateFields(contact.id);
  const policy = useLogPolicy(contact.id);
  const log = useLogEmail(contact.id);
  const attempted = useRef(new Set<string>());
  const enabled = contact.autoLog && policy.data?.allowed === true;
  const candidates = enabled ? messagesWith(contact, thread) : [];
  const candidateKey = candidates.map((m) => m.id).join(',');

  useEffect(() => {
    for (const message of candidates) {
      if (attempted.current.has(message.id!)) continue;
      attempted.current.add(message.id!);
      log.mutate({
        email: {
          contactId: contact.id,
          messageId: message.id!,
          threadId: thread.threadId,
          subject: thread.subject,
          direction: message.from !== null && message.from === thread.selfEmail ? 'out' : 'in',
          sentAt: message.sentAt,
          participants: [...new Set([message.from, ...message.to].filter((e): e is string => !!e))],
        },
      });
    }
    // `candidates` is derived from these; re-running on its identity would log nothing new but cost renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [candidateKey, contact.id]);

  return (
    <div className="ficha-autolog">
      <label className="ficha-check">
        <input
          type="checkbox"
          data-testid="auto-log"
          checked={update.isPending && update.variables ? (update.variables.patch.autoLog ?? contact.autoLog) : contact.autoLog}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ contactId: contact.id, patch: { autoLog: e.target.checked } })}
        />
        {i18n.t('autoLogText.label')}
      </label>
      {(update.error ?? log.error) && <ErrorNotice error={update.error ?? log.error} />}
    </div>
  );
}
