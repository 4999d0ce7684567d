// The sync status reads in the UI language: state named right (an unreachable server is "offline", not "error"),
// the error once, in Spanish too (the background's messages are English).
import { describe, expect, it } from 'vitest';
import { errorMessageKey, shownState, syncErrorText, syncStatusText } from '@/components/pages/sync/status-text';
import type { Responses } from '@/lib/messaging/protocol';
import { userMessage } from '@/lib/storage/sync/status';
import { useLocale } from './support/locale';

type Status = Responses['sync.status'];

const base: Status = { state: 'off', url: null, teamName: null, lastSyncAt: null, pending: 0, error: null, progress: null, initialPullDone: false, nextRetryAt: null };
// What the engine reports after connecting to a server that does not answer: no config kept, so 'error'.
const unreachable: Status = { ...base, state: 'error', error: { kind: 'offline', message: userMessage('offline', '') } };

describe('sync status in words', () => {
  it('names an unreachable server "offline" and keeps the other states', () => {
    expect(shownState(unreachable)).toBe('offline');
    expect(shownState({ state: 'error', error: { kind: 'unauthorized', message: '' } })).toBe('error');
    expect(shownState({ state: 'synced', error: null })).toBe('synced');
    expect(shownState({ state: 'offline', error: { kind: 'offline', message: '' } })).toBe('offline');
  });

  it('says the state, last sync, pending count and the error once, in Spanish', async () => {
    await useLocale('es');
    const text = syncStatusText(unreachable);
    expect(text).toBe('Sin conexión · última sincronización nunca · 0 cambios pendientes · No se puede contactar con el servidor de sincronización');
    expect(syncErrorText({ kind: 'unauthorized', message: userMessage('unauthorized', '') })).toBe('Token revocado o incorrecto: pide uno nuevo a tu administrador');
    expect(syncErrorText({ kind: 'update_needed', message: userMessage('update_needed', '') })).toMatch(/^Hace falta actualizar/);
  });

  it('in English, "Offline" is said once; kinds only the server can explain keep its words as the detail', async () => {
    await useLocale('en');
    const text = syncStatusText({ ...unreachable, pending: 3 });
    expect(text).toBe('Offline · last synced never · 3 changes pending · The sync server cannot be reached');
    expect(syncErrorText({ kind: 'rejected', message: 'Row 4 refused' })).toBe('The sync server refused the request: Row 4 refused');
    expect(syncErrorText({ kind: 'toString', message: 'kept' })).toBe('Sync ran into an unexpected error (kept); Ficha will try again shortly');
    expect(syncErrorText({ kind: 'unknown', message: ' ' })).toBe('Sync ran into an unexpected error (—); Ficha will try again shortly');
  });

  it('says those kinds in Spanish too, with the detail', async () => {
    await useLocale('es');
    expect(syncErrorText({ kind: 'rejected', message: 'Row 4 refused' })).toBe('El servidor de sincronización rechazó la petición: Row 4 refused');
    expect(syncErrorText({ kind: 'mutation_gap', message: 'gap at 7' })).toMatch(/^El servidor de sincronización y este navegador no coinciden .*\(gap at 7\)/);
    // Ficha's own English sentence is not repeated inside the Spanish one.
    expect(syncErrorText({ kind: 'bad_response', message: 'The sync server answered something that is not JSON' })).toBe(
      'El servidor de sincronización envió una respuesta que Ficha no entiende; Ficha lo volverá a intentar en breve',
    );
    expect(syncErrorText({ kind: 'unknown', message: 'TypeError' })).toBe('La sincronización encontró un error inesperado (TypeError); Ficha lo volverá a intentar en breve');
  });

  it('every translated kind has its words in both locales, and they differ', async () => {
    const kinds = ['unauthorized', 'update_needed', 'server_update_needed', 'offline', 'rate_limited', 'server', 'invalid_url', 'bad_response'];
    const en = await useLocale('en');
    const es = await useLocale('es');
    for (const kind of kinds) {
      const name = errorMessageKey(kind)!.replaceAll('.', '_');
      expect(en[name]?.message, kind).toBeTruthy();
      expect(es[name]?.message, kind).toBeTruthy();
      expect(es[name]?.message).not.toBe(en[name]?.message);
    }
    expect(errorMessageKey('mutation_gap')).toBeNull();
  });
});
