// Relationship KPIs as pure functions, each returned with the formula it used, so the dashboard can show its work.
// A KPI whose inputs do not exist yet (no customers at the start, no NPS answers) is null, never a made-up 0.

export interface Kpi {
  value: number | null;
  formula: string;
}

const pct = (n: number) => Math.round(n * 10) / 10;

/** (customers at end − new customers) / customers at start × 100. */
export function retentionRate(p: { customersAtStart: number; customersAtEnd: number; newCustomers: number }): Kpi {
  const value = p.customersAtStart > 0 ? pct(((p.customersAtEnd - p.newCustomers) / p.customersAtStart) * 100) : null;
  return { value, formula: `(${p.customersAtEnd} − ${p.newCustomers}) / ${p.customersAtStart} × 100` };
}

/** Average purchase × purchase frequency (per customer per year) × expected lifetime (years). */
export function lifetimeValue(p: { revenue: number; purchases: number; customers: number; years: number; lifetimeYears: number }): Kpi {
  if (p.purchases === 0 || p.customers === 0 || p.years <= 0) return { value: null, formula: 'average purchase × frequency × lifetime' };
  const average = p.revenue / p.purchases;
  const frequency = p.purchases / p.customers / p.years;
  const value = Math.round(average * frequency * p.lifetimeYears * 100) / 100;
  return { value, formula: `${average.toFixed(2)} × ${frequency.toFixed(2)}/year × ${p.lifetimeYears} years` };
}

/** % promoters (9–10) − % detractors (0–6), over the answers given. */
export function netPromoterScore(scores: readonly number[]): Kpi & { promoters: number; passives: number; detractors: number } {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const passives = scores.length - promoters - detractors;
  const value = scores.length ? Math.round(((promoters - detractors) / scores.length) * 100) : null;
  return { value, promoters, passives, detractors, formula: `(${promoters} − ${detractors}) / ${scores.length} × 100` };
}

/** Contacts who became customers ÷ contacts who entered the funnel, in the period. */
export function leadConversionRate(p: { converted: number; leads: number }): Kpi {
  return { value: p.leads > 0 ? pct((p.converted / p.leads) * 100) : null, formula: `${p.converted} / ${p.leads} × 100` };
}

export function revenuePerCustomer(p: { revenue: number; customers: number }): Kpi {
  return { value: p.customers > 0 ? Math.round((p.revenue / p.customers) * 100) / 100 : null, formula: `${p.revenue.toFixed(2)} / ${p.customers}` };
}

export interface CtaInsert {
  templateId: string;
  contactId: string;
  at: number;
}
export interface StageAdvance {
  contactId: string;
  at: number;
}
export interface TemplateConversion {
  templateId: string;
  inserts: number;
  /** Inserts followed by a forward stage move of that contact within the window. */
  followed: number;
  rate: number;
}

/** Which templates preceded a stage advance within `windowDays` (each insert counts once). */
/**
 * Per template: how many inserts were followed by a stage advance of the same contact within the window. `insertCounts`
 * gives each template's exact number of inserts when `inserts` holds only some of them (those of contacts that
 * advanced: the others cannot count as followed); without it, `inserts` is every insert.
 */
export function ctaConversion(inserts: readonly CtaInsert[], advances: readonly StageAdvance[], windowDays: number, insertCounts?: ReadonlyMap<string, number>): TemplateConversion[] {
  const window = windowDays * 86_400_000;
  const byContact = new Map<string, number[]>();
  for (const a of advances) byContact.set(a.contactId, [...(byContact.get(a.contactId) ?? []), a.at]);
  const stats = new Map<string, { inserts: number; followed: number }>();
  for (const [templateId, n] of insertCounts ?? []) if (n > 0) stats.set(templateId, { inserts: n, followed: 0 });
  for (const insert of inserts) {
    const s = stats.get(insert.templateId) ?? { inserts: 0, followed: 0 };
    if (!insertCounts) s.inserts++;
    if ((byContact.get(insert.contactId) ?? []).some((at) => at >= insert.at && at - insert.at <= window)) s.followed++;
    stats.set(insert.templateId, s);
  }
  return [...stats.entries()]
    .filter(([, s]) => s.inserts > 0)
    .map(([templateId, s]) => ({ templateId, inserts: s.inserts, followed: Math.min(s.followed, s.inserts), rate: pct((Math.min(s.followed, s.inserts) / s.inserts) * 100) }))
    .sort((a, b) => b.rate - a.rate || b.inserts - a.inserts);
}

/** Conversion between consecutive stages: entries into the next stage ÷ entries into this one. */
export function funnelConversion(entries: ReadonlyArray<{ stage: string; entered: number }>): Array<{ from: string; to: string; rate: number | null }> {
  return entries.slice(1).map((next, i) => {
    const prev = entries[i]!;
    return { from: prev.stage, to: next.stage, rate: prev.entered > 0 ? pct((next.entered / prev.entered) * 100) : null };
  });
}
