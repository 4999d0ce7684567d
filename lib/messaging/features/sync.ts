// Team sync messages from the options page and popup: connect (test + save + start), status, sync now, sign out.
import { z } from 'zod';
import type { ConnectResult, SyncStatus } from '@/lib/storage/sync-engine';

export const syncRequests = [
  z.object({ type: z.literal('sync.status') }),
  z.object({ type: z.literal('sync.connect'), url: z.string().trim().min(1).max(2000), token: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('sync.now') }),
  // `wipe`: also remove the synced data from this browser (it stays on the server for the team).
  z.object({ type: z.literal('sync.disconnect'), wipe: z.boolean() }),
] as const satisfies readonly z.ZodObject[];

export interface SyncResponses {
  'sync.status': SyncStatus;
  'sync.connect': ConnectResult;
  'sync.now': SyncStatus;
  'sync.disconnect': SyncStatus;
}
