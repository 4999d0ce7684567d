// The popup's one-line sync status (hidden while sync is off).
import { useSyncStatus } from './SyncSection';
import { shownState, syncStatusText } from './status-text';

export function SyncStatusLine() {
  const status = useSyncStatus(3000);
  const s = status.data;
  if (!s || s.state === 'off') return null;
  return (
    <p className="muted" data-testid="popup-sync-status" data-state={shownState(s)} role="status">
      {syncStatusText(s)}
    </p>
  );
}
