// The real handler map and Dexie (fake-indexeddb) behind fakeBrowser, wired as entrypoints/background does it.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '@/lib/messaging/handlers';
import { createMessageHandler } from '@/lib/messaging/server';
import { activityRepository } from '@/lib/storage/activities';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';

let dbCount = 0;

export function startBackground() {
  const db = new FichaDb(`test-${++dbCount}`);
  const handle = createMessageHandler(createHandlers({ contacts: contactRepository(db), activities: activityRepository(db) }), fakeBrowser.runtime.id);
  fakeBrowser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: unknown) => void) => {
    // fakeBrowser passes an empty sender; a real browser stamps our own id on messages from our scripts.
    void handle(message, { ...sender, id: sender.id ?? fakeBrowser.runtime.id }).then(sendResponse);
    return true;
  });
  return { db, handle };
}

