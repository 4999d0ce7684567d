// Handlers for the dashboard messages declared in ./dashboard.ts.
import { dashboardFilterOptions, dashboardSummary } from '@/lib/storage/dashboard';
import type { FichaDb } from '@/lib/storage/db';
import type { HandlersFor } from '../protocol';
import type { DashboardResponses } from './dashboard';

export function dashboardHandlers(db: FichaDb): HandlersFor<keyof DashboardResponses> {
  return {
    'dashboard.summary': (query) => dashboardSummary(db, query),
    'dashboard.filterOptions': () => dashboardFilterOptions(db),
  };
}
