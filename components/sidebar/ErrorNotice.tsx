import { i18n } from '@/lib/i18n/cached-messages';
import { FichaError } from '@/lib/messaging/errors';

/** An error said in words, with the next step when there is one. */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const unreachable = error instanceof FichaError && error.code === 'unreachable';
  const detail = unreachable ? i18n.t('sidebar.errorUnreachable') : error instanceof Error ? error.message : String(error);
  return (
    <div className="ficha-error" role="alert">
      <strong>{title ?? i18n.t('sidebar.errorTitle')}</strong>
      <p>{detail}</p>
      {onRetry && !unreachable && (
        <button type="button" onClick={onRetry}>
          {i18n.t('sidebar.retry')}
        </button>
      )}
    </div>
  );
}
