// Moves the focus to an element of the sidebar only when the sidebar just lost it (the button the rep used was
// replaced or disabled, leaving the focus on the page body): a rep already elsewhere in the webmail keeps theirs.
export function refocusInSidebar(el: HTMLElement): void {
  const doc = el.ownerDocument;
  const active = doc.activeElement;
  if (!active || active === doc.body || active === (el.getRootNode() as ShadowRoot).host) el.focus();
}
