// What the dashboard shows: the query and the summary the background computes for it.
import type { Kpi, TemplateConversion } from './kpis';
import { PRESET_STAGE_SETS, type StageSet } from './lifecycle';
import type { PresetStageSetId } from './stage-ids';

/** Where a contact becomes a customer in each preset stage set (ids checked against the sets' own id lists). */
const FIRST_CUSTOMER_STAGE = { hubspot: 'customer', relationship: 'purchase' } as const satisfies Record<PresetStageSetId, string>;

export function customerStageOf(set: StageSet): string {
  return FIRST_CUSTOMER_STAGE[set.id as PresetStageSetId] ?? FIRST_CUSTOMER_STAGE.hubspot;
}

/** The customer stage and every flow stage after it (evangelist; fulfilment … recovery): no longer leads. */
export function customerStagesOf(set: StageSet): string[] {
  const order = set.stages.find((s) => s.id === customerStageOf(set))?.order;
  if (order === undefined || order === null) return [];
  return set.stages.filter((s) => s.order !== null && s.order >= order).map((s) => s.id);
}

/** Customer stages of every preset set: a contact keeps its stage id when the rep switches sets. */
export const CUSTOMER_STAGES: ReadonlySet<string> = new Set(PRESET_STAGE_SETS.flatMap(customerStagesOf));

export interface DashboardFilter {
  /** Only contacts with this owner; absent (or empty) = everyone's. */
  owner?: string;
  /** Only contacts carrying this tag. */
  tag?: string;
}

export interface DashboardQuery extends DashboardFilter {
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

/** Choices for the filter controls: owners and tags found on contacts, most used first. */
export interface DashboardFilterOptions {
  owners: string[];
  tags: string[];
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

