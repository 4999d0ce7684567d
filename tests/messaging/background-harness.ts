// The real handler map and Dexie (fake-indexeddb) behind fakeBrowser, wired as entrypoints/background does it.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '@/lib/messaging/handlers';
import { createMessageHandler } from '@/lib/messaging/server';
import { activityRepository } from '@/lib/storage/activities';
import { contactRepository } from '@/lib/storage/contacts';
import { profileService } from '@/lib/storage/profile';
import { recordService } from '@/lib/storage/record';
import { scoringService } from '@/lib/storage/scoring-service';
import { settingsRepository } from '@/lib/storage/settings';
import { templateRepository } from '@/lib/storage/templates';
import { FichaDb } from '@/lib/storage/db';
import { syncEngine, type SyncEngineDeps } from '@/lib/storage/sync-engine';

let dbCount = 0;

export function startBackground(options: { dbName?: string; sync?: SyncEngineDeps; onWebmailDataChanged?: () => void } = {}) {
  const db = new FichaDb(options.dbName ?? `test-${++dbCount}`);
  const contacts = contactRepository(db);
  const activities = activityRepository(db);
  const settings = settingsRepository(db);
  const scoring = scoringService(db);
  const record = recordService(db, { contacts, activities, settings });
  const profile = profileService(db);
  const templates = templateRepository(db);
  const sync = syncEngine(db, { liveEvents: false, ...options.sync, onModelChanged: () => scoring.load() });
  const handle = createMessageHandler(createHandlers({ contacts, activities, record, settings, scoring, profile, templates, db, sync, onWebmailDataChanged: options.onWebmailDataChanged }), fakeBrowser.runtime.id);
  fakeBrowser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: unknown) => void) => {
    // fakeBrowser passes an empty sender; a real browser stamps our own id on messages from our scripts.
    void handle(message, { ...sender, id: sender.id ?? fakeBrowser.runtime.id }).then(sendResponse);
    return true;
  });
  return { db, handle, sync };
}

