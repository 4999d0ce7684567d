// Tells the caller when the open thread may have changed: DOM mutations in the main view plus SPA navigation.
import { watchFocus } from '../compose-focus';
import { findFirst } from '../dom';
import { frameThrottle } from '../frame-throttle';
import { navigationAware, readAfterQueued } from '../navigation-watch';
import { gmailSelectors as S } from './selectors';
import { viewsRoot } from './views';

/** The smallest container that holds every view; the body until Gmail has rendered it. */
const observedRoot = (doc: Document): Node => viewsRoot(doc) ?? doc.body ?? doc.documentElement;

export function observe(doc: Document, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const win = doc.defaultView;

  // Gmail mutates in bursts: the first change is read at once, the rest at most once per frame.
  const navigation = navigationAware(win, onChange);
  const Observer = win?.MutationObserver ?? MutationObserver;
  const observer = new Observer(() => schedule());
  const schedule = frameThrottle(win, () => readAfterQueued(observer, navigation.read), signal);
  // `style`/`hidden` flips are how views are switched; other attribute churn is ignored to stay cheap.
  observer.observe(observedRoot(doc), {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['style', 'hidden'],
  });
  // Compose dialogs live outside the views (`div.dw`); without that host, the body is watched. One observer on
  // nested targets still delivers each mutation once.
  const composeHost = findFirst(doc, S.composeHost)?.el ?? doc.body;
  if (composeHost && composeHost !== observedRoot(doc)) {
    observer.observe(composeHost, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
  }
  // Switching between compose windows is a focus move, not a mutation.
  watchFocus(doc, schedule, signal);
  navigation.listen(schedule, signal);

  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
