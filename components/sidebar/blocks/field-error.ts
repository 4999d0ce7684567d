// Turns a refused write into the message shown under the field that made it.
import { i18n } from '@/lib/i18n/cached-messages';
import { FichaError } from '@/lib/messaging/errors';

type Detail = { path: string; message: string };

function detailsOf(error: unknown): Detail[] {
  if (!(error instanceof FichaError) || !Array.isArray(error.details)) return [];
  return (error.details as unknown[]).filter((d): d is Detail => typeof (d as Detail | null)?.path === 'string');
}

const belongsTo = (detail: Detail, path: string) => detail.path === path || detail.path.startsWith(`${path}.`);

/** The detail for `path` (or inside it), else the first detail, else the error itself: the field always says why. */
export function fieldError(error: unknown, path: string): string {
  const details = detailsOf(error);
  const own = details.find((d) => belongsTo(d, path)) ?? details[0];
  if (own) return own.message;
  if (error instanceof FichaError && error.code === 'unreachable') return i18n.t('sidebar.errorUnreachable');
  return error instanceof Error ? error.message : String(error);
}

/** For forms with several fields: the message for `path` only, so each input shows its own. */
export function ownError(error: unknown, path: string): string | undefined {
  return detailsOf(error).find((d) => belongsTo(d, path))?.message;
}

/** Whether some field of the form will show the error; if not, the form shows it as a whole. */
export function shownByFields(error: unknown, paths: readonly string[]): boolean {
  return detailsOf(error).some((d) => paths.some((p) => belongsTo(d, p)));
}
