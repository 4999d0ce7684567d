// Tells the caller when the open conversation or compose form may have changed. Outlook has no stable container
// around both the reading pane and pop-out/docked compose forms, so the body is observed, and mutations inside the
// message list and folder pane (which churn on every scroll and unread count) are skipped cheaply.
import { watchFocus } from '../compose-focus';
import { frameThrottle } from '../frame-throttle';
import { navigationAware, readAfterQueued } from '../navigation-watch';

/**
 * Zones whose churn never changes what readThread returns (except the selected row, watched via aria-selected): the
 * message list, the folder pane, our own sidebar, and the text the rep types in a body editor.
 */
const IGNORED =
  '#MailList, [data-app-section=NavigationPane], [data-app-section=MessageList], ficha-sidebar, [contenteditable=true][aria-multiline=true]';

function relevant(record: MutationRecord): boolean {
  if (record.attributeName === 'aria-selected') return true;
  const node = record.target;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !el?.closest(IGNORED);
}

export function observe(doc: Document, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const win = doc.defaultView;
  // The first change of a burst is read at once, the rest at most once per frame.
  const navigation = navigationAware(win, onChange);
  const Observer = win?.MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => {
    if (records.some(relevant)) schedule();
  });
  const schedule = frameThrottle(win, () => readAfterQueued(observer, navigation.read), signal);
  observer.observe(doc.body ?? doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // React may reuse a card for another message and only change its text, ids and titles.
    attributeFilter: ['style', 'hidden', 'aria-expanded', 'aria-selected', 'id', 'title'],
  });
  // Switching between compose windows is a focus move, not a mutation.
  watchFocus(doc, schedule, signal);
  navigation.listen(schedule, signal);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
