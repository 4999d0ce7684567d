// The dashboard's messages: every figure for a period (optionally for one owner or tag), and the filter choices.
import { z } from 'zod';
import type { DashboardFilterOptions, DashboardSummary } from '@/lib/domain/dashboard';

const days = (max: number) => z.number().int().min(1).max(max);
// Empty means "no filter"; same bounds as the contact's own fields.
const filterValue = (max: number) => z.string().trim().max(max).optional();

export const dashboardRequests = [
  z.object({
    type: z.literal('dashboard.summary'),
    days: days(3650).default(90),
    staleDays: days(3650).default(30),
    ctaWindowDays: days(365).default(14),
    owner: filterValue(254),
    tag: filterValue(60),
  }),
  z.object({ type: z.literal('dashboard.filterOptions') }),
] as const satisfies readonly z.ZodObject[];

export interface DashboardResponses {
  'dashboard.summary': DashboardSummary;
  'dashboard.filterOptions': DashboardFilterOptions;
}
