// What the sync loop tells the user: its state in one word, the error in words, and which errors wait for the user.
import type { SyncErrorKind } from '@/lib/sync/client-http';

export type SyncState = 'off' | 'syncing' | 'synced' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  url: string | null;
  teamName: string | null;
  lastSyncAt: number | null;
  pending: number;
  error: { kind: SyncErrorKind | 'unknown'; message: string } | null;
  /** The first full pull: rows' server versions reached / the team's head. */
  progress: { done: number; total: number } | null;
  initialPullDone: boolean;
  nextRetryAt: number | null;
}

export type ConnectResult = { ok: true; status: SyncStatus } | { ok: false; error: { kind: SyncErrorKind | 'invalid_url'; message: string } };

/** English words for logs and the status record; the pages say them in the UI language (components/pages/sync/status-text.ts). */
export function userMessage(kind: SyncErrorKind | 'unknown', fallback: string): string {
  switch (kind) {
    case 'unauthorized':
      return 'Token revoked or wrong: ask your admin for a new one';
    case 'update_needed':
      return 'Update needed: this version of Ficha is older than the sync server';
    case 'server_update_needed':
      return 'The sync server is older than this extension: ask your admin to update it';
    case 'offline':
      return 'Offline: the sync server cannot be reached';
    case 'clock_ahead':
      return "This computer's clock is ahead of the sync server's: set it right; changes are kept and sent once it is";
    default:
      return fallback;
  }
}

/** Errors that retrying cannot fix: wait for the user (new token, update). */
export const FATAL: ReadonlySet<string> = new Set(['unauthorized', 'update_needed', 'server_update_needed', 'rejected', 'mutation_gap']);
