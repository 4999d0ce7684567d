// Deals (transactional data) and the timeline events they produce. Functions run inside the caller's transaction,
// which must include `deals` and `activities`.
import type { Activity } from '@/lib/domain/activity';
import { type Deal, dealSchemaAt } from '@/lib/domain/transactions';
import type { FichaDb } from './db';
import { Refusal } from './refusal';

export type DealInput = Omit<Deal, 'id'> & { id?: string | undefined };

export interface DealWriteContext {
  now: number;
  newId: () => string;
  user: string;
}

/** The contact's deals, newest first. */
export async function dealsOf(db: FichaDb, contactId: string): Promise<Deal[]> {
  const deals = await db.deals.where('[contactId+date]').between([contactId, -Infinity], [contactId, Infinity]).toArray();
  return deals.reverse();
}

const dealEventKey = (dealId: string, event: string) => `deal:${dealId}:${event}`;

function money(deal: Deal): string {
  return `${deal.title} · ${deal.amount.toFixed(2)} ${deal.currency}`.slice(0, 500);
}

/** One event per deal and status reached (keyed), so saving a deal again never repeats it on the timeline. */
async function addDealEvent(db: FichaDb, deal: Deal, type: 'deal.opened' | 'deal.won' | 'deal.lost', ctx: DealWriteContext) {
  const key = dealEventKey(deal.id, type.slice('deal.'.length));
  if (await db.activities.where('key').equals(key).first()) return;
  const activity: Activity = {
    id: ctx.newId(),
    key,
    type,
    targetType: 'contact',
    targetId: deal.contactId,
    occurredAt: deal.date,
    createdAt: ctx.now,
    createdBy: ctx.user,
    summary: money(deal),
    data: { dealId: deal.id, amount: deal.amount, currency: deal.currency },
  };
  await db.activities.add(activity);
}

/**
 * Validates against `now` (no future dates) and stores. A new open deal logs "deal opened"; reaching won or lost
 * logs that outcome, dated with the deal, which is what engagement scoring and the timeline read.
 */
export async function putDeal(db: FichaDb, input: DealInput, ctx: DealWriteContext): Promise<Deal> {
  const parsed = dealSchemaAt(ctx.now).safeParse({ ...input, id: input.id ?? ctx.newId() });
  if (!parsed.success) throw Refusal.fromZod(parsed.error, 'deal');
  const deal = parsed.data;
  const previous = await db.deals.get(deal.id);
  if (previous && previous.contactId !== deal.contactId) throw Refusal.invalid('deal.id', 'This deal belongs to another contact');
  await db.deals.put(deal);
  if (!previous && deal.status === 'open') await addDealEvent(db, deal, 'deal.opened', ctx);
  if (deal.status !== 'open' && previous?.status !== deal.status) await addDealEvent(db, deal, `deal.${deal.status}`, ctx);
  return deal;
}

/** Removes a deal entered by mistake together with its timeline events, so it stops counting anywhere. */
export async function deleteDeal(db: FichaDb, id: string): Promise<Deal | null> {
  const deal = await db.deals.get(id);
  if (!deal) return null;
  await db.deals.delete(id);
  await db.activities.where('key').startsWith(dealEventKey(id, '')).delete();
  return deal;
}
