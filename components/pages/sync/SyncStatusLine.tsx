// The popup's one-line sync status (hidden while sync is off).
import { syncStatusText, useSyncStatus } from './SyncSection';

export function SyncStatusLine() {
  const status = useSyncStatus(3000);
  const s = status.data;
  if (!s || s.state === 'off') return null;
  return (
    <p className="muted" data-testid="popup-sync-status" data-state={s.state} role="status">
      {syncStatusText(s)}
    </p>
  );
}
