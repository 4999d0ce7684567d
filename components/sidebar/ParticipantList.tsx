import { type KeyboardEvent, useRef } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Participant } from '@/lib/sites/types';

interface Props {
  participants: Participant[];
  selected: string;
  onSelect: (email: string) => void;
  /** A compose window: the people are the recipients chosen so far. */
  compose?: boolean;
}

/** The thread's people as a listbox: click or arrow keys pick whose card is shown. */
export function ParticipantList({ participants, selected, onSelect, compose = false }: Props) {
  const listRef = useRef<HTMLUListElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const index = participants.findIndex((p) => p.email === selected);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = participants[(index + step + participants.length) % participants.length];
    if (!next) return;
    onSelect(next.email);
    listRef.current?.querySelector<HTMLElement>(`[data-email="${CSS.escape(next.email)}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <section className="ficha-participants">
      <h2 className="ficha-section-title" id="ficha-participants-title">
        {i18n.t(compose ? 'sidebar.recipients' : 'sidebar.participants')} · {participants.length}
      </h2>
      <ul
        ref={listRef}
        role="listbox"
        tabIndex={0}
        aria-labelledby="ficha-participants-title"
        aria-activedescendant={`ficha-p-${participants.findIndex((p) => p.email === selected)}`}
        onKeyDown={onKeyDown}
      >
        {participants.map((p, i) => (
          <li
            key={p.email}
            id={`ficha-p-${i}`}
            role="option"
            data-testid="participant"
            data-email={p.email}
            aria-selected={p.email === selected}
            onClick={() => onSelect(p.email)}
          >
            <span className="ficha-avatar" aria-hidden="true">{initials(nameOf(p) || p.email)}</span>
            <span className="ficha-participant-text">
              <span className="ficha-participant-name">{nameOf(p) || p.email}</span>
              {nameOf(p) && <span className="ficha-participant-email">{p.email}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The display name, unless the webmail put the address there (a sender with no name): then none. */
const nameOf = (p: { name: string; email: string }) => (p.name.toLowerCase() === p.email ? '' : p.name);

export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}
