// Insert into the open editor; when none is open, open the reply and insert as soon as its editor appears.
import type { InsertContent } from './editing';
import type { SiteAdapter } from './types';

export type InsertOutcome = 'inserted' | 'no-editor';

export async function insertOrOpenReply(adapter: SiteAdapter, doc: Document, content: InsertContent, subject = '', timeoutMs = 3000): Promise<InsertOutcome> {
  if (adapter.insertAtCaret(doc, content, subject)) return 'inserted';
  if (!adapter.openReply?.(doc)) return 'no-editor';
  const win = doc.defaultView;
  const Observer = win?.MutationObserver ?? MutationObserver;
  return new Promise<InsertOutcome>((resolve) => {
    const finish = (outcome: InsertOutcome) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(outcome);
    };
    // The editor is added by the webmail's own rendering: try again on each DOM change, not on a timer loop.
    const observer = new Observer(() => {
      if (adapter.insertAtCaret(doc, content)) finish('inserted');
    });
    const timer = setTimeout(() => finish('no-editor'), timeoutMs);
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  });
}
