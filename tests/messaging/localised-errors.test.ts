import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localiseMessage, toSpanish } from '@/lib/domain/messages-es';
import { createMessageHandler } from '@/lib/messaging/server';
import { FichaError } from '@/lib/messaging/errors';
import { RequestSchema } from '@/lib/messaging/protocol';
import { startBackground } from './background-harness';

const ID = 'ext-id';

describe('error messages in the UI language', () => {
  it('translate known messages and patterns, and leave unknown ones readable', () => {
    expect(toSpanish('Not a valid phone number')).toBe('No es un número de teléfono válido');
    expect(toSpanish('Location is too long (max 200)')).toBe('La ubicación supera el máximo de 200 caracteres');
    expect(toSpanish('Unknown merge field {{contact.nick}}')).toBe('Campo combinado desconocido {{contact.nick}}');
    expect(toSpanish('Something new')).toBe('Something new');
    expect(localiseMessage('Duplicate email', 'en-US')).toBe('Duplicate email');
  });

  it('reach the sidebar as field-level details in Spanish, paths unchanged', async () => {
    startBackground();
    const handle = createMessageHandler(
      { 'contacts.setPhones': async () => { throw new FichaError('invalid_message', 'Nothing to change'); } } as never,
      ID,
      (m) => localiseMessage(m, 'es'),
    );
    const bad = await handle({ type: 'contacts.setPhones', contactId: 'c1', phones: [{ number: 'call me', label: 'work' }] }, { id: ID });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_message', message: 'El mensaje no sigue el protocolo', details: [{ path: 'phones.0.number', message: 'No es un número de teléfono válido' }] } });
    const refused = await handle({ type: 'contacts.setPhones', contactId: 'c1', phones: [] }, { id: ID });
    expect(refused).toMatchObject({ ok: false, error: { message: 'No hay nada que cambiar' } });
  });

  it("zod's own messages follow the locale the background configures", () => {
    z.config(z.locales.es());
    try {
      const result = RequestSchema.safeParse({ type: 'contacts.search', query: 5 });
      expect(result.error?.issues[0]?.message).toMatch(/Entrada inválida/);
    } finally {
      z.config(z.locales.en());
    }
  });
});
