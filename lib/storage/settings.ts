// The one settings row: read with defaults, written only after validation.
import { DEFAULT_SETTINGS, type Settings, SettingsSchema } from '@/lib/domain/settings';
import type { FichaDb } from './db';

export function settingsRepository(db: FichaDb) {
  return {
    async get(): Promise<Settings> {
      return (await db.settings.get('settings'))?.value ?? DEFAULT_SETTINGS;
    },
    async update(patch: Partial<Settings>): Promise<Settings> {
      return db.transaction('rw', db.settings, async () => {
        const next = SettingsSchema.parse({ ...((await db.settings.get('settings'))?.value ?? DEFAULT_SETTINGS), ...patch });
        await db.settings.put({ key: 'settings', value: next });
        return next;
      });
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
