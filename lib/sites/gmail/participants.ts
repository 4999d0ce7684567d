// Folds per-message sightings into the thread's participant list.
import { mailboxKey } from '@/lib/domain/email';
import type { Participant, ParticipantRole } from '../types';
import type { MessageInfo, Sighting } from './messages';

export const MAX_PARTICIPANTS = 500;
const ROLE_ORDER: readonly ParticipantRole[] = ['from', 'to', 'cc'];

/**
 * De-duplicated by address (roles merged, longest name kept), without the user, in first-seen page order
 * except that the sender of the last message not sent by the user comes first: that is who the rep is answering.
 */
export function mergeParticipants(messages: readonly MessageInfo[], selfEmail: string | null): Participant[] {
  const byEmail = new Map<string, { email: string; name: string; roles: Set<ParticipantRole> }>();
  // The user under another form of the same address (a +tag, Gmail's dots) is still the user.
  const self = selfEmail === null ? null : mailboxKey(selfEmail);
  const isSelf = (email: string) => self !== null && mailboxKey(email) === self;
  const see = (s: Sighting) => {
    if (isSelf(s.email)) return;
    const known = byEmail.get(s.email);
    if (!known) {
      byEmail.set(s.email, { email: s.email, name: s.name, roles: new Set([s.role]) });
      return;
    }
    known.roles.add(s.role);
    if (s.name.length > known.name.length) known.name = s.name;
  };
  for (const message of messages) {
    if (message.sender) see(message.sender);
    message.recipients.forEach(see);
  }

  const lead = messages.findLast((m) => m.sender && !isSelf(m.sender.email))?.sender?.email;
  const ordered = [...byEmail.values()];
  const leadIndex = ordered.findIndex((p) => p.email === lead);
  if (leadIndex > 0) ordered.unshift(...ordered.splice(leadIndex, 1));

  return ordered.slice(0, MAX_PARTICIPANTS).map((p) => ({
    email: p.email,
    name: p.name,
    roles: ROLE_ORDER.filter((role) => p.roles.has(role)),
  }));
}
