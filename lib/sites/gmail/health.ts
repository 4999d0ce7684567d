// Whether the adapter still understands the Gmail page (see SiteAdapter.health).
import { findFirst, isShown } from '../dom';
import type { PageHealth, ThreadContext } from '../types';
import { gmailSelectors as S } from './selectors';

/** Message ids Gmail keeps on messages even when its classes change. */
const MESSAGE_IDS = ['[data-message-id]', '[data-legacy-message-id]'];

export function pageHealth(doc: Document, thread: ThreadContext | null): PageHealth {
  if (thread && (thread.participants.length > 0 || thread.mode === 'compose')) return thread.mode === 'compose' ? 'compose' : 'thread';
  // A message is on screen but nobody could be read from it: the header markup changed.
  if (findFirst(doc, MESSAGE_IDS, isShown)) return 'unrecognised';
  if (thread) return 'thread';
  const shell = findFirst(doc, [...S.mainContainer, ...S.mainView, ...S.accountButton, ...S.composeHost]);
  return shell ? 'idle' : 'unrecognised';
}
