// The seam between a webmail's DOM and the rest of Ficha: adapters turn a page into plain data.
import type { InsertContent } from './editing';

export type ParticipantRole = 'from' | 'to' | 'cc';

export interface Participant {
  /** Normalised (lowercase) address. */
  email: string;
  /** Display name as the page shows it; plain text, never HTML. May be empty. */
  name: string;
  /** Roles this address plays anywhere in the thread. */
  roles: ParticipantRole[];
}

export interface ThreadMessage {
  /** Site message id (Gmail's legacy hex id, Outlook's item id), null for collapsed rows that carry none. */
  id: string | null;
  /** Sender address, normalised; null when the row shows no address. */
  from: string | null;
  /** Recipient addresses, normalised. */
  to: string[];
  /** Sent time in epoch ms when the page's date text could be read, else null. */
  sentAt: number | null;
}

export interface ThreadContext {
  site: 'gmail' | 'outlook';
  /**
   * 'compose' while the rep writes a new email (participants = the recipients chosen so far, no messages);
   * absent or 'thread' for an open conversation; 'lookup' for a contact the rep found by hand on a page Ficha could
   * not read (no messages).
   */
  mode?: 'thread' | 'compose' | 'lookup';
  /** Site thread/conversation id when the page exposes one. */
  threadId: string | null;
  subject: string;
  /** Site message ids of the messages on the page, in page order. */
  messageIds: string[];
  /** Every message on the page, in page order (for logging to the timeline). */
  messages: ThreadMessage[];
  /** External participants, de-duplicated, without the user's own address; the last external sender first. */
  participants: Participant[];
  /** The signed-in user's address, when the page reveals it. */
  selfEmail: string | null;
  /**
   * People the page shows by name only, with no address anywhere on it (Outlook address-book contacts), without the
   * user; an address is never guessed from a name. Absent when the site always shows addresses (Gmail).
   */
  nameOnly?: { name: string; roles: ParticipantRole[] }[];
}

export interface SiteAdapter {
  site: ThreadContext['site'];
  /** The open thread, or null when the page shows no thread (inbox, settings, half-rendered view). */
  readThread(doc: Document): ThreadContext | null;
  /**
   * Calls `onChange` whenever what `readThread` would return may have changed (SPA navigation, DOM mutation),
   * at most once per animation frame. Stops when `signal` aborts.
   */
  observe(doc: Document, onChange: () => void, signal: AbortSignal): void;
  /**
   * Inserts text (and http(s) links) at the caret of the open reply/compose editor as typing would, so the editor's
   * undo and draft saving see it; the caret the rep last had in that editor is restored first. `subject` fills the
   * subject of a new email when its field is empty. False when no editor is open.
   */
  insertAtCaret(doc: Document, content: InsertContent, subject?: string): boolean;
  /** A message's body as plain text (for the optional body copy on log), or null when the page does not show it. */
  readBody?(doc: Document, messageId: string): string | null;
  /** Opens a reply to the open thread (its editor appears asynchronously); false when there is nothing to reply to. */
  openReply?(doc: Document): boolean;
  /**
   * 'unrecognised' when this is a mail page but nothing the adapter knows matches (the webmail changed its markup):
   * the sidebar should then offer a manual "Find a contact" search instead of disappearing or guessing. `thread` is
   * what readThread returned for this page state, when the caller already has it (saves a second parse).
   */
  health?(doc: Document, thread?: ThreadContext | null): PageHealth;
  /**
   * False on pages of the site that are not mail (Outlook's calendar, in the same single-page app): nothing is read
   * or recorded there. Absent: every page the script runs on is mail.
   */
  readsPage?(doc: Document): boolean;
  /**
   * The reply/compose editor containing a node, or null (never one inside a message body). The sidebar uses it to
   * remember the rep's caret, so an insert clicked in the sidebar lands where they were typing.
   */
  editorOf?(node: Node): HTMLElement | null;
  /** The site's ordered fallback selector lists, probed for the local diagnostics (which one matched). */
  selectors?: Readonly<Record<string, readonly string[]>>;
}

/** 'thread'/'compose': something was read; 'idle': the app is recognised, nothing open; 'unrecognised': see above. */
export type PageHealth = 'thread' | 'compose' | 'idle' | 'unrecognised';
