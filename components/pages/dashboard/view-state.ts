// The dashboard's view (period, owner, tag) kept in the page URL, so a reload or a shared link shows the same view.
export const PERIODS = [30, 90, 365] as const;
const DEFAULT_DAYS = 90;

export interface DashboardView {
  days: number;
  owner: string;
  tag: string;
}

/** Reads `?days=&owner=&tag=`; anything unknown or malformed falls back to the default view. */
export function parseView(search: string): DashboardView {
  const params = new URLSearchParams(search);
  const days = Number(params.get('days'));
  return {
    days: (PERIODS as readonly number[]).includes(days) ? days : DEFAULT_DAYS,
    owner: (params.get('owner') ?? '').trim().slice(0, 254),
    tag: (params.get('tag') ?? '').trim().slice(0, 60),
  };
}

/** The query string for a view; defaults are left out so the plain page URL is the default view. */
export function viewSearch(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.days !== DEFAULT_DAYS) params.set('days', String(view.days));
  if (view.owner) params.set('owner', view.owner);
  if (view.tag) params.set('tag', view.tag);
  const text = params.toString();
  return text ? `?${text}` : '';
}
