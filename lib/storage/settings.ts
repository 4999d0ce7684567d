// The settings rows: read with defaults, written only after validation.
import { DEFAULT_SETTINGS, type Settings, SettingsSchema } from '@/lib/domain/settings';
import type { FichaDb } from './db';

export function settingsRepository(db: FichaDb) {
  const read = async (): Promise<Settings> => {
    const row = await db.settings.get('settings');
    // Rows written by older versions lack newer settings: those take their defaults.
    return row?.key === 'settings' ? { ...DEFAULT_SETTINGS, ...row.value } : DEFAULT_SETTINGS;
  };
  return {
    get: read,
    async update(patch: Partial<Settings>): Promise<Settings> {
      return db.transaction('rw', db.settings, async () => {
        const next = SettingsSchema.parse({ ...(await read()), ...patch });
        await db.settings.put({ key: 'settings', value: next });
        return next;
      });
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
