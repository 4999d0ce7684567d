// Handlers for the team sync messages, over the background's sync engine.
import type { SyncEngine } from '@/lib/storage/sync-engine';
import { FichaError } from '../errors';
import type { HandlersFor } from '../protocol';

type SyncTypes = 'sync.status' | 'sync.connect' | 'sync.now' | 'sync.disconnect';

export function syncHandlers(sync: SyncEngine | undefined): HandlersFor<SyncTypes> {
  const engine = () => {
    if (!sync) throw new FichaError('internal', 'Sync is not available in this context');
    return sync;
  };
  return {
    'sync.status': () => engine().status(),
    'sync.connect': ({ url, token }) => engine().connect(url, token),
    'sync.now': () => engine().syncNow(),
    'sync.disconnect': ({ wipe }) => engine().disconnect(wipe),
  };
}
