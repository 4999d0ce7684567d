// The sync status in the user's language: the state in a word, last sync, pending changes, and the error once.
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { Responses } from '@/lib/messaging/protocol';

type SyncStatus = Responses['sync.status'];
type SyncState = SyncStatus['state'];

/**
 * The error kinds said in the user's language (`syncClient.error.*`): the background's messages are English (see
 * lib/storage/sync/status.ts userMessage).
 */
const MESSAGE_KEYS = {
  unauthorized: 'syncClient.error.unauthorized',
  update_needed: 'syncClient.error.updateNeeded',
  server_update_needed: 'syncClient.error.serverUpdateNeeded',
  offline: 'syncClient.error.offline',
  rate_limited: 'syncClient.error.rateLimited',
  clock_ahead: 'syncClient.error.clockAhead',
  server: 'syncClient.error.server',
  invalid_url: 'syncClient.error.invalidUrl',
  // Its message is Ficha's own English sentence, not the server's: nothing to add in another language.
  bad_response: 'syncClient.error.badResponse',
} as const;

/**
 * The kinds whose cause only the server's or the browser's own words tell: a sentence in the user's language frames
 * them ($1), and any other kind gets the unexpected-error one.
 */
const DETAIL_KEYS = {
  rejected: 'syncClient.error.rejected',
  mutation_gap: 'syncClient.error.mutationGap',
} as const;

/** The locale key for an error kind with no detail of its own, or null when it needs one (see DETAIL_KEYS). */
export function errorMessageKey(kind: string): (typeof MESSAGE_KEYS)[keyof typeof MESSAGE_KEYS] | null {
  return Object.hasOwn(MESSAGE_KEYS, kind) ? MESSAGE_KEYS[kind as keyof typeof MESSAGE_KEYS] : null;
}

/**
 * The state the pages show. A failed first connection keeps no server, which the engine reports as 'error' whatever
 * the cause; an unreachable server is 'offline' there too.
 */
export function shownState(status: Pick<SyncStatus, 'state' | 'error'>): SyncState {
  return status.state === 'error' && status.error?.kind === 'offline' ? 'offline' : status.state;
}

function formatTime(at: number | null): string {
  if (!at) return i18n.t('syncClient.never');
  return new Date(at).toLocaleString(browser.i18n.getUILanguage(), { dateStyle: 'short', timeStyle: 'medium' });
}

/** An error from the background in words, in the user's language; the server's own words only as the detail. */
export function syncErrorText(error: { kind: string; message: string }): string {
  const key = errorMessageKey(error.kind);
  if (key) return i18n.t(key);
  const detail = Object.hasOwn(DETAIL_KEYS, error.kind) ? DETAIL_KEYS[error.kind as keyof typeof DETAIL_KEYS] : 'syncClient.error.unexpected';
  return i18n.t(detail, [error.message.trim() || '—']);
}

/** The status in words: state, last sync, pending changes and the current error. */
export function syncStatusText(s: SyncStatus): string {
  const state = shownState(s);
  const parts = [i18n.t(`syncClient.state.${state}`)];
  if (state !== 'off') {
    parts.push(i18n.t('syncClient.lastSync', [formatTime(s.lastSyncAt)]));
    parts.push(i18n.t('syncClient.pending', [String(s.pending)]));
  }
  if (s.error) parts.push(syncErrorText(s.error));
  return parts.join(' · ');
}
