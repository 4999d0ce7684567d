// Settings hooks: writes refresh settings and every log policy that depends on them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@/lib/domain/settings';
import { send } from '@/lib/messaging/client';
import { queryKeys } from './keys';

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => send<'settings.get'>({ type: 'settings.get' }) });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => send<'settings.update'>({ type: 'settings.update', settings: patch }),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings),
    onSettled: () => client.invalidateQueries({ queryKey: ['activities'] }),
  });
}
