// Settings hooks: writes refresh settings and every log policy that depends on them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@/lib/domain/settings';
import { send } from '@/lib/messaging/client';
import { askQuery } from './ask';
import { queryKeys } from './keys';

export const settingsQuery = () => askQuery<'settings.get', typeof queryKeys.settings>(queryKeys.settings, { type: 'settings.get' });

export const useSettings = () => useQuery(settingsQuery());

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => send<'settings.update'>({ type: 'settings.update', settings: patch }),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings),
    onSettled: () => client.invalidateQueries({ queryKey: ['activities'] }),
  });
}

export function useScoringModel() {
  return useQuery({ queryKey: ['scoring', 'model'], queryFn: () => send<'scoring.getModel'>({ type: 'scoring.getModel' }) });
}

/** Polls while a rescore runs, then stops. */
export function useRescoreStatus() {
  return useQuery({
    queryKey: ['scoring', 'status'],
    queryFn: () => send<'scoring.rescoreStatus'>({ type: 'scoring.rescoreStatus' }),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 250 : false),
  });
}

export function useSaveScoringModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (model: unknown) => send<'scoring.saveModel'>({ type: 'scoring.saveModel', model }),
    onSuccess: ({ model, rescore }) => {
      client.setQueryData(['scoring', 'model'], { model, isDefault: false });
      client.setQueryData(['scoring', 'status'], rescore);
      return client.invalidateQueries({ queryKey: ['scoring', 'status'] });
    },
  });
}

export function useResetScoringModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => send<'scoring.resetModel'>({ type: 'scoring.resetModel' }),
    onSuccess: ({ model, rescore }) => {
      client.setQueryData(['scoring', 'model'], { model, isDefault: true });
      client.setQueryData(['scoring', 'status'], rescore);
      return client.invalidateQueries({ queryKey: ['scoring', 'status'] });
    },
  });
}
