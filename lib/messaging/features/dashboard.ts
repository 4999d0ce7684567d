// The dashboard's one message: every figure for a period, computed in the background from the local database.
import { z } from 'zod';
import type { DashboardSummary } from '@/lib/domain/dashboard';

const days = (max: number) => z.number().int().min(1).max(max);

export const dashboardRequests = [
  z.object({ type: z.literal('dashboard.summary'), days: days(3650).default(90), staleDays: days(3650).default(30), ctaWindowDays: days(365).default(14) }),
] as const satisfies readonly z.ZodObject[];

export interface DashboardResponses {
  'dashboard.summary': DashboardSummary;
}
