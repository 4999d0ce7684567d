import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { contactHandlers } from '@/lib/messaging/handlers';
import { createMessageHandler } from '@/lib/messaging/server';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';

export default defineBackground(() => {
  const db = new FichaDb();
  const contacts = contactRepository(db);
  const handle = createMessageHandler(contactHandlers(contacts), browser.runtime.id);
  // For the worker's DevTools console and `npm run bench`; worker globals are unreachable from web pages.
  Object.assign(globalThis, { ficha: { db, contacts } });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    void handle(message, sender).then(sendResponse);
    return true; // answer asynchronously
  });
});
