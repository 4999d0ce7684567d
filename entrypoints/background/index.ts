import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import { localiseMessage } from '@/lib/domain/messages-es';
import { COLLAPSED_KEY } from '@/components/sidebar/collapse';
import { createHandlers } from '@/lib/messaging/handlers';
import { createMessageHandler } from '@/lib/messaging/server';
import { activityRepository } from '@/lib/storage/activities';
import { contactRepository } from '@/lib/storage/contacts';
import { profileService } from '@/lib/storage/profile';
import { recordService } from '@/lib/storage/record';
import { scoringService } from '@/lib/storage/scoring-service';
import { settingsRepository } from '@/lib/storage/settings';
import { templateRepository } from '@/lib/storage/templates';
import { privacyOps } from '@/lib/storage/privacy-ops';
import { FichaDb } from '@/lib/storage/db';
import { contactSearchIndex } from '@/lib/storage/search-index';
import { syncEngine } from '@/lib/storage/sync-engine';
import { notifyTabsToRefresh, startSyncRuntime } from '@/lib/messaging/features/sync-runtime';
import { injectForSender, isInjectRequest } from '@/lib/messaging/features/inject';
import { injectIntoOpenMailTabs } from '@/lib/messaging/features/reinject';

export default defineBackground(() => {
  const uiLanguage = browser.i18n.getUILanguage();
  // Validation messages in the rep's language: zod's own in Spanish, ours through the message table.
  if (uiLanguage.toLowerCase().startsWith('es')) z.config(z.locales.es());
  const db = new FichaDb();
  const contacts = contactRepository(db);
  const activities = activityRepository(db);
  const settings = settingsRepository(db);
  const scoring = scoringService(db);
  // Open now, not on the first lookup: the first thread a rep opens must not pay for it.
  void db
    .open()
    .then(() => scoring.load())
    .catch((error: unknown) => console.error('[ficha] cannot open the database', error));
  const record = recordService(db, { contacts, activities, settings });
  const profile = profileService(db);
  const templates = templateRepository(db, { uiLanguage });
  // Activity retention (privacy options): runs shortly after start when due (daily at most), then every 6 hours.
  const privacy = privacyOps(db, { settings });
  const retention = () =>
    void privacy
      .retentionDue()
      .then(async (due) => {
        if (!due) return;
        await privacy.runRetention();
        void notifyTabsToRefresh(); // cards may list activities that are now gone
      })
      .catch((e: unknown) => console.error('[ficha] retention', e));
  setTimeout(retention, 10_000);
  setInterval(retention, 6 * 3_600_000);
  // Team sync (optional): off until the rep connects a server in the options page.
  const sync = syncEngine(db, { onRemoteChange: () => void notifyTabsToRefresh(), onModelChanged: () => scoring.load() });
  startSyncRuntime(sync);
  // Popup and Find a contact keystrokes answer from memory (lib/storage/search-index.ts).
  const searchIndex = contactSearchIndex(db, contacts);
  const handle = createMessageHandler(createHandlers({ contacts, activities, record, settings, scoring, profile, templates, db, sync, searchIndex, onWebmailDataChanged: () => void notifyTabsToRefresh() }), browser.runtime.id, (message) => localiseMessage(message, uiLanguage));
  // For the worker's DevTools console and `npm run bench`; worker globals are unreachable from web pages.
  Object.assign(globalThis, { ficha: { db, contacts, activities, record, scoring, templates, sync, searchIndex, injectIntoOpenMailTabs } });

  // Open Gmail and Outlook tabs get this version's sidebar at once after an update, not at their next load. Not on a
  // first install: tabs loading at that moment get the declared script too, and two starts racing in one tab replace
  // a sidebar the rep may already be using (seen in CI, where every test is a fresh install).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update') void injectIntoOpenMailTabs();
  });

  // The keyboard command flips the remembered state; every webmail tab's sidebar follows storage.onChanged.
  browser.commands?.onCommand.addListener((command) => {
    if (command !== 'toggle-sidebar') return;
    void browser.storage.local.get(COLLAPSED_KEY).then((stored) => browser.storage.local.set({ [COLLAPSED_KEY]: stored[COLLAPSED_KEY] !== true }));
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    // A content script asking for a part of the sidebar that loads on first use; everything else is the protocol.
    const answer = isInjectRequest(message) ? injectForSender(message, sender, browser.runtime.id) : handle(message, sender);
    void answer.then(sendResponse);
    return true; // answer asynchronously
  });
});
