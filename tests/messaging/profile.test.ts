import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import type { FichaError } from '@/lib/messaging/errors';
import { startBackground } from './background-harness';

const DAY = 86_400_000;

/** The field paths an invalid_message refusal names. */
async function refusedPaths(request: Parameters<typeof send>[0]): Promise<string[]> {
  const error = (await send(request).then(
    () => null,
    (e: unknown) => e,
  )) as FichaError | null;
  expect(error?.code).toBe('invalid_message');
  return (error?.details as { path: string }[]).map((d) => d.path);
}

describe('profile editing through the background', () => {
  let bg: ReturnType<typeof startBackground>;
  let contactId: string;
  const get = () => send<'contacts.get'>({ type: 'contacts.get', id: contactId });
  beforeEach(async () => {
    bg = startBackground();
    ({ contact: { id: contactId } } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } }));
  });

  it('saves fields into the contact and its profile blocks, and search finds the new title and company', async () => {
    const updated = await send<'contacts.updateFields'>({
      type: 'contacts.updateFields',
      contactId,
      patch: { title: 'Directora de Compras', personaRole: 'economic_evaluator', language: 'es', website: 'https://clientco.com', location: ' Madrid ' },
    });
    expect(updated).toMatchObject({ title: 'Directora de Compras', profile: { general: { language: 'es', location: 'Madrid' }, segmentation: { personaRole: 'economic_evaluator' } } });
    expect((await get()).profile.contactData.website).toBe('https://clientco.com');
    expect((await send<'contacts.search'>({ type: 'contacts.search', query: 'compras' })).map((c) => c.id)).toEqual([contactId]);

    await send({ type: 'contacts.updateFields', contactId, patch: { company: 'Clientco Iberia' } });
    expect((await send<'contacts.search'>({ type: 'contacts.search', query: 'iberia' })).map((c) => c.id)).toEqual([contactId]);
    // A blank clears an optional field.
    const cleared = await send<'contacts.updateFields'>({ type: 'contacts.updateFields', contactId, patch: { website: '', personaRole: null } });
    expect(cleared.profile.contactData.website).toBeUndefined();
    expect(cleared.profile.segmentation.personaRole).toBeUndefined();
  });

  it('refuses invalid values with the field path and saves nothing', async () => {
    const before = await get();
    expect(await refusedPaths({ type: 'contacts.setPhones', contactId, phones: [{ number: 'call me maybe', label: 'work' }] })).toEqual(['phones.0.number']);
    expect(await refusedPaths({ type: 'contacts.setEmails', contactId, emails: [{ address: 'not-an-email', primary: true }] })).toEqual(['emails.0.address']);
    expect(await refusedPaths({ type: 'contacts.updateFields', contactId, patch: { title: 'CEO', website: 'javascript:alert(1)' } })).toEqual(['patch.website']);
    expect(await refusedPaths({ type: 'contacts.updateFields', contactId, patch: { personaRole: 'boss' } })).toEqual(['patch.personaRole']);
    const deal = { contactId, title: 'Licences', amount: 100, currency: 'EUR', date: Date.now() - DAY, status: 'won' } as const;
    expect(await refusedPaths({ type: 'deals.upsert', deal: { ...deal, amount: -5 } })).toEqual(['deal.amount']);
    expect(await refusedPaths({ type: 'deals.upsert', deal: { ...deal, currency: 'XYZ' as 'EUR' } })).toEqual(['deal.currency']);
    expect(await refusedPaths({ type: 'deals.upsert', deal: { ...deal, date: Date.now() + 10 * DAY } })).toEqual(['deal.date']);
    expect(await refusedPaths({ type: 'companies.update', domain: 'clientco.com', patch: { country: 'Spain' } })).toEqual(['patch.country']);

    expect(await get()).toEqual(before);
    expect(await bg.db.deals.count()).toBe(0);
    expect(await bg.db.activities.count()).toBe(0);
    expect((await send<'companies.get'>({ type: 'companies.get', domain: 'clientco.com' }))?.country).toBeUndefined();
  });

  it('keeps one company row per domain, shared and renamed for all its contacts', async () => {
    const { contact: luis } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'luis@clientco.com', displayName: 'Luis' } });
    expect(await bg.db.companies.count()).toBe(1);
    const { company, contacts } = await send<'companies.update'>({ type: 'companies.update', domain: 'clientco.com', patch: { industry: 'Logistics', sizeBand: '51-200', country: 'es' } });
    expect(company).toEqual({ domain: 'clientco.com', name: 'Clientco', industry: 'Logistics', sizeBand: '51-200', country: 'ES' });
    expect(contacts).toBe(2);

    // Renaming from one contact's card renames the company, and the other contact follows (search included).
    await send({ type: 'contacts.updateFields', contactId: luis.id, patch: { company: 'Clientco Logística' } });
    expect((await get()).company).toBe('Clientco Logística');
    expect((await send<'contacts.search'>({ type: 'contacts.search', query: 'logistica' })).length).toBe(2);
    expect(await send<'companies.get'>({ type: 'companies.get', domain: 'clientco.com' })).toMatchObject({ name: 'Clientco Logística', industry: 'Logistics' });

    // A new colleague adopts the stored company instead of overwriting it with a guess from the address.
    const { contact: marta } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'marta@clientco.com', displayName: 'Marta' } });
    expect(marta.company).toBe('Clientco Logística');
    expect(await send<'companies.get'>({ type: 'companies.get', domain: 'clientco.com' })).toMatchObject({ name: 'Clientco Logística', industry: 'Logistics' });
  });

  it('sets the primary email, and refuses two primaries or an address another contact has', async () => {
    const updated = await send<'contacts.setEmails'>({
      type: 'contacts.setEmails',
      contactId,
      emails: [
        { address: 'ana@clientco.com', primary: false },
        { address: 'Ana.Ruiz@Gmail.com', primary: true },
      ],
    });
    expect(updated.emails.find((e) => e.primary)?.address).toBe('ana.ruiz@gmail.com');
    expect((await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['ana.ruiz@gmail.com'] }))['ana.ruiz@gmail.com']?.id).toBe(contactId);

    const twoPrimaries = [
      { address: 'ana@clientco.com', primary: true },
      { address: 'ana.ruiz@gmail.com', primary: true },
    ];
    expect(await refusedPaths({ type: 'contacts.setEmails', contactId, emails: twoPrimaries })).toEqual(['emails']);
    await send({ type: 'contacts.create', input: { email: 'boss@clientco.com' } });
    const taken = [{ address: 'boss@clientco.com', primary: true }];
    expect(await refusedPaths({ type: 'contacts.setEmails', contactId, emails: taken })).toEqual(['emails.0.address']);
    expect((await get()).emails).toEqual(updated.emails);
  });

  it('computes revenue, CLV (average × frequency × 3 years) and RFM from the deals', async () => {
    const now = Date.now();
    const deal = (title: string, amount: number, daysAgo: number, status: 'open' | 'won' | 'lost') =>
      send<'deals.upsert'>({ type: 'deals.upsert', deal: { contactId, title, amount, currency: 'EUR', date: now - daysAgo * DAY, status } });
    await deal('First order', 1000, 400, 'won');
    await deal('Renewal', 2000, 30, 'won');
    await deal('Expansion', 5000, 10, 'open');
    const { deal: lost } = await deal('Extra seats', 300, 5, 'lost');
    expect((await send<'deals.list'>({ type: 'deals.list', contactId })).map((d) => d.title)).toEqual(['Extra seats', 'Expansion', 'Renewal', 'First order']);

    const figures = await send<'contacts.recordFigures'>({ type: 'contacts.recordFigures', contactId });
    const t = figures.transactions;
    expect(t).toMatchObject({ currency: 'EUR', totalRevenue: 3000, purchaseCount: 2, averagePurchase: 1500, daysSinceLastPurchase: 30 });
    expect(t.purchaseFrequency).toBeCloseTo(2 / (400 / 365.25), 4);
    expect(t.customerLifetimeValue).toBeCloseTo(1500 * t.purchaseFrequency * 3, 6);
    expect(figures.expectedLifetimeYears).toBe(3);
    expect(figures.rfm).toMatchObject({ recency: 5, frequency: 3, monetary: 2, segment: 'loyal' });

    // Deals put their outcome on the timeline once; removing a deal takes its events with it. Score moves are checked in profile-scoring.test.ts.
    const types = async () => (await send<'activities.list'>({ type: 'activities.list', contactId })).map((a) => a.type).filter((t) => t.startsWith('deal.')).sort();
    expect(await types()).toEqual(['deal.lost', 'deal.opened', 'deal.won', 'deal.won']);
    await send({ type: 'deals.remove', id: lost.id });
    expect(await types()).toEqual(['deal.opened', 'deal.won', 'deal.won']);
  });

  it('rescores in the same write: a senior title raises the fit score', async () => {
    const before = await send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId });
    const updated = await send<'contacts.updateFields'>({ type: 'contacts.updateFields', contactId, patch: { title: 'Chief Financial Officer' } });
    const after = await send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId });
    expect(after.fit).toBeGreaterThan(before.fit);
    expect(updated.leadScore).toBe(after.total);
    expect(updated.leadScore).toBeGreaterThan(before.total);
  });

  it('reads contacts stored before the profile existed with its defaults', async () => {
    const stored = await bg.db.contacts.get(contactId);
    const { profile: _p, ...legacy } = stored!;
    await bg.db.contacts.put(legacy as typeof stored & object);
    expect((await get()).profile).toEqual({ general: {}, contactData: { socialProfiles: [] }, segmentation: {} });
    expect((await send<'contacts.updateFields'>({ type: 'contacts.updateFields', contactId, patch: { location: 'Sevilla' } })).profile.general.location).toBe('Sevilla');
  });
});
