import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { contactHandlers } from '@/lib/messaging/handlers';
import { createMessageHandler } from '@/lib/messaging/server';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';

export default defineBackground(() => {
  const db = new FichaDb();
  // Open now, not on the first lookup: the first thread a rep opens must not pay for it.
  void db.open().catch((error: unknown) => console.error('[ficha] cannot open the database', error));
  const contacts = contactRepository(db);
  const handle = createMessageHandler(contactHandlers(contacts), browser.runtime.id);
  // For the worker's DevTools console and `npm run bench`; worker globals are unreachable from web pages.
  Object.assign(globalThis, { ficha: { db, contacts } });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    void handle(message, sender).then(sendResponse);
    return true; // answer asynchronously
  });
});
