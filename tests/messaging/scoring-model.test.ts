import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { send } from '@/lib/messaging/client';
import type { SettingsRow } from '@/lib/storage/db';
import { scoringService } from '@/lib/storage/scoring-service';
import { startBackground } from './background-harness';

async function waitForRescore() {
  for (let i = 0; i < 2_000; i++) {
    const status = await send<'scoring.rescoreStatus'>({ type: 'scoring.rescoreStatus' });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('rescore did not finish');
}

/** A model where only fit counts, so every contact's total equals its fit. */
const fitOnly = () => ({ ...structuredClone(DEFAULT_SCORING_MODEL), weights: { fit: 100, engagement: 0 } });

describe('scoring model in options', () => {
  it('serves the default model until one is saved', async () => {
    startBackground();
    expect(await send<'scoring.getModel'>({ type: 'scoring.getModel' })).toMatchObject({ isDefault: true, model: { id: DEFAULT_SCORING_MODEL.id } });
  });

  it('rejects an invalid model with field paths and keeps scoring with the previous one', async () => {
    startBackground();
    const broken = { ...structuredClone(DEFAULT_SCORING_MODEL), weights: { fit: 80, engagement: 80 } };
    const error = await send({ type: 'scoring.saveModel', model: broken }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_message', details: expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('weights') })]) });
    expect(await send<'scoring.getModel'>({ type: 'scoring.getModel' })).toMatchObject({ isDefault: true });
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'x@acme.com' } });
    expect(contact.leadScore).toBeGreaterThanOrEqual(0);
  });

  it('rescores every contact in chunks after a valid model is saved, and reports progress', async () => {
    const bg = startBackground();
    const batch = Array.from({ length: 4_500 }, (_, i) => contactFromHeader({ email: `p${i}@acme${i % 50}.com` }, { id: `c${String(i).padStart(5, '0')}`, now: 1 }));
    await send({ type: 'contacts.putMany', contacts: batch.slice(0, 4_000) });
    await send({ type: 'contacts.putMany', contacts: batch.slice(4_000) });
    expect((await bg.db.contacts.get('c00001'))?.leadScore).toBe(0);

    const saved = await send<'scoring.saveModel'>({ type: 'scoring.saveModel', model: fitOnly() });
    expect(saved.rescore.state).toBe('running');
    const status = await waitForRescore();
    expect(status).toMatchObject({ state: 'done', done: 4_500, total: 4_500 });

    const all = await bg.db.contacts.toArray();
    const explained = await send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId: 'c04499' });
    expect(all.find((c) => c.id === 'c04499')?.leadScore).toBe(explained.total);
    expect(explained.total).toBe(explained.fit);
    expect(all.every((c) => c.leadScore > 0)).toBe(true); // company domains now count fully
    expect((await bg.db.settings.get('scoringModel'))).toMatchObject({ rescored: true });
  }, 30_000); // 4,500 contacts through fake-indexeddb: seconds on a loaded machine

  it('loads the saved model on a worker restart and resumes an interrupted rescore', async () => {
    const bg = startBackground();
    await send({ type: 'contacts.create', input: { email: 'a@acme.com' } });
    const interrupted: SettingsRow = { key: 'scoringModel', value: fitOnly(), rescored: false };
    await bg.db.settings.put(interrupted);
    const restarted = scoringService(bg.db);
    await restarted.load();
    expect(restarted.getModel().isDefault).toBe(false);
    expect(restarted.status().state).toBe('running');
    for (let i = 0; i < 100 && restarted.status().state === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(restarted.status().state).toBe('done');
  });

  it('reset returns to the default model', async () => {
    startBackground();
    await send({ type: 'scoring.saveModel', model: fitOnly() });
    await waitForRescore();
    const reset = await send<'scoring.resetModel'>({ type: 'scoring.resetModel' });
    expect(reset.model.weights).toEqual(DEFAULT_SCORING_MODEL.weights);
    expect(await send<'scoring.getModel'>({ type: 'scoring.getModel' })).toMatchObject({ isDefault: true });
  });
});
