// The popup's one-line sync status; with sync off, that the contacts stay in this browser (local-only mode).
import { i18n } from '#i18n';
import { useSyncStatus } from './SyncSection';
import { shownState, syncStatusText } from './status-text';

export function SyncStatusLine() {
  const status = useSyncStatus(3000);
  const s = status.data;
  if (!s) return null;
  if (s.state === 'off') {
    return (
      <p className="muted" data-testid="popup-local-only">
        {i18n.t('syncClient.localOnlyShort')}
      </p>
    );
  }
  return (
    <p className="muted" data-testid="popup-sync-status" data-state={shownState(s)} role="status">
      {syncStatusText(s)}
    </p>
  );
}
