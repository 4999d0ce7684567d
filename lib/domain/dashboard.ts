// What the dashboard shows: the query and the summary the background computes for it.
import type { Kpi, TemplateConversion } from './kpis';

export interface DashboardQuery {
  /** The period's length in days, ending now. */
  days: number;
  /** Stale: no change to the record for this many days, in a stage before "customer". */
  staleDays: number;
  /** A stage advance within this many days after a CTA insert counts for the template. */
  ctaWindowDays: number;
}

export interface ContactRow {
  id: string;
  name: string;
  email: string;
  stage: string;
  score: number;
  grade: string;
  updatedAt: number;
}

export interface DashboardSummary {
  generatedAt: number;
  totalContacts: number;
  stages: Array<{ stage: string; contacts: number; entered: number }>;
  conversions: Array<{ from: string; to: string; rate: number | null }>;
  grades: Record<string, number>;
  /** Ten buckets: 0–9, 10–19, … 90–100. */
  scoreBuckets: number[];
  topEngaged: ContactRow[];
  stale: ContactRow[];
  weeks: Array<{ start: number; in: number; out: number; cta: number }>;
  templates: Array<TemplateConversion & { name: string }>;
  kpis: { retention: Kpi; clv: Kpi; nps: Kpi; leadConversion: Kpi; revenuePerCustomer: Kpi };
}

