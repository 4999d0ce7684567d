// Whether the adapter still understands the page: lets the sidebar fall back to a manual search when Outlook's
// markup changed instead of disappearing or guessing.
import { findFirst, isShown } from '../dom';
import type { PageHealth, ThreadContext } from '../types';
import { readingPane } from './messages';
import { outlookSelectors as S } from './selectors';

export function pageHealth(doc: Document, thread: ThreadContext | null): PageHealth {
  if (thread && (thread.participants.length > 0 || thread.mode === 'compose')) return thread.mode === 'compose' ? 'compose' : 'thread';
  // A message body is shown but no sender could be read: the header markup changed.
  const pane = readingPane(doc);
  if (findFirst(pane ?? doc, S.body, isShown)) return 'unrecognised';
  if (thread) return 'thread';
  return findFirst(doc, S.appShell) || pane ? 'idle' : 'unrecognised';
}
