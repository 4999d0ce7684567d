import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { contactHandlers } from '@/lib/messaging/handlers';
import { createMessageHandler } from '@/lib/messaging/server';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';

export default defineBackground(() => {
  const db = new FichaDb();
  const handle = createMessageHandler(contactHandlers(contactRepository(db)), browser.runtime.id);

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    void handle(message, sender).then(sendResponse);
    return true; // answer asynchronously
  });
});
