// Tells the caller when the open thread may have changed: DOM mutations in the main view plus SPA navigation.
import { watchFocus } from '../compose-focus';
import { findFirst } from '../dom';
import { frameThrottle } from '../frame-throttle';
import { navigationAware, readAfterQueued } from '../navigation-watch';
import { gmailSelectors as S } from './selectors';
import { viewsRoot } from './views';

/** `style`/`hidden` flips are how views are switched; other attribute churn is ignored to stay cheap. */
const OPTIONS: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] };

/** The smallest container that holds every view; the body until Gmail has rendered it. */
const observedRoot = (doc: Document): Node => viewsRoot(doc) ?? doc.body ?? doc.documentElement;

/**
 * What to observe: the views container, and the compose host (`div.dw`, compose dialogs live outside the views),
 * or the body without one. One observer on nested targets still delivers each mutation once.
 */
function targets(doc: Document): Node[] {
  const root = observedRoot(doc);
  const composeHost = findFirst(doc, S.composeHost)?.el ?? doc.body;
  return composeHost && composeHost !== root ? [root, composeHost] : [root];
}

export function observe(doc: Document, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const win = doc.defaultView;

  // Gmail mutates in bursts: the first change is read at once, the rest at most once per frame.
  const navigation = navigationAware(win, onChange);
  const Observer = win?.MutationObserver ?? MutationObserver;
  const observer = new Observer(() => schedule());
  let watched: Node[] = [];
  const watch = (next: Node[]) => {
    observer.disconnect();
    for (const target of next) observer.observe(target, OPTIONS);
    watched = next;
  };
  // A container Gmail replaced (the observer would hear nothing more from the detached one), or the body watched
  // while the views were not rendered yet: observe what the page has now. Checked before each read; a thread switch
  // also changes the URL, so a replaced container is caught at the next switch at the latest.
  const rewatchIfStale = () => {
    const stale = watched.some((target) => !target.isConnected) || (watched[0] === doc.body && viewsRoot(doc) !== null);
    if (!stale) return;
    const next = targets(doc);
    if (next.length !== watched.length || next.some((target, i) => target !== watched[i])) watch(next);
  };
  const schedule = frameThrottle(
    win,
    () => {
      rewatchIfStale();
      readAfterQueued(observer, navigation.read);
    },
    signal,
  );
  watch(targets(doc));
  // Switching between compose windows is a focus move, not a mutation.
  watchFocus(doc, schedule, signal);
  navigation.listen(schedule, signal);

  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
