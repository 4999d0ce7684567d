// Tells the caller when the open thread may have changed: DOM mutations in the main view plus SPA navigation.
import { findFirst } from '../dom';
import { gmailSelectors as S } from './selectors';

/** The smallest container that holds every view; the body until Gmail has rendered it. */
function observedRoot(doc: Document): Node {
  const main = findFirst(doc, S.mainContainer)?.el ?? findFirst(doc, S.mainView)?.el.parentElement;
  return main ?? doc.body ?? doc.documentElement;
}

export function observe(doc: Document, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const win = doc.defaultView;

  // Gmail mutates in bursts; many triggers in one frame become a single onChange.
  let cancelPending: (() => void) | null = null;
  const fire = () => {
    cancelPending = null;
    if (!signal.aborted) onChange();
  };
  const schedule = () => {
    if (cancelPending || signal.aborted) return;
    if (win && typeof win.requestAnimationFrame === 'function') {
      const id = win.requestAnimationFrame(fire);
      cancelPending = () => win.cancelAnimationFrame(id);
    } else {
      const id = setTimeout(fire, 16);
      cancelPending = () => clearTimeout(id);
    }
  };

  const Observer = win?.MutationObserver ?? MutationObserver;
  const observer = new Observer(schedule);
  // `style`/`hidden` flips are how views are switched; other attribute churn is ignored to stay cheap.
  observer.observe(observedRoot(doc), {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['style', 'hidden'],
  });
  win?.addEventListener('hashchange', schedule);
  win?.addEventListener('popstate', schedule);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      win?.removeEventListener('hashchange', schedule);
      win?.removeEventListener('popstate', schedule);
      cancelPending?.();
      cancelPending = null;
    },
    { once: true },
  );
}
