// The container of Gmail's SPA views (inbox, thread, settings…). Threads are only ever rendered inside it, so the
// per-change reads search it instead of the whole document: on a heavy page most nodes (navigation, chat, hidden
// popups) sit outside, and each full-document selector scan costs ~0.1–0.3 ms. Found once and kept while attached.
import { findFirst } from '../dom';
import { gmailSelectors as S } from './selectors';

const found = new WeakMap<Document, Element>();

/** The views container, or null while Gmail has not rendered it (or its markup is unrecognisable). */
export function viewsRoot(doc: Document): Element | null {
  const known = found.get(doc);
  if (known?.isConnected) return known;
  const root = findFirst(doc, S.mainContainer)?.el ?? findFirst(doc, S.mainView)?.el.parentElement ?? null;
  if (root) found.set(doc, root);
  else found.delete(doc);
  return root;
}

const scopes = new WeakMap<Document, Element>();

/**
 * Where to look for the open thread: the views container when Gmail's current markup names it (the primary
 * selector), else the whole document. The `[role=main]` fallback is not trusted here: with several views each
 * having a main landmark, its parent may hold only one of them.
 */
export function threadScope(doc: Document): ParentNode {
  const known = scopes.get(doc);
  if (known?.isConnected) return known;
  const primary = doc.querySelector(S.mainContainer[0]);
  if (primary) scopes.set(doc, primary);
  return primary ?? doc;
}
