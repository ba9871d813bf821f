// The instance: its public name, description and sign-up mode, which every visitor's pages show, and the
// settings administrators change. Saving updates both.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type JsonBody, unwrap } from './client.js';

const readInstance = () => unwrap(api.GET('/api/v1/instance'));
const readSettings = () => unwrap(api.GET('/api/v1/admin/settings'));

export type InstanceSettings = Awaited<ReturnType<typeof readSettings>>;
export type SignUpMode = InstanceSettings['signUps'];
export type SettingsChange = JsonBody<'/api/v1/admin/settings', 'patch'>;

const instanceKeys = {
  all: ['instance'] as const,
  settings: ['instance', 'settings'] as const,
};

/** Read once a minute at most: the name and sign-up mode change rarely. */
export function useInstance() {
  return useQuery({
    queryKey: instanceKeys.all,
    queryFn: readInstance,
    staleTime: 60_000,
  });
}

/** The instance's name, "VidStream" until it is known. */
export function useInstanceName(): string {
  return useInstance().data?.name ?? 'VidStream';
}

export function useInstanceSettings() {
  return useQuery({
    queryKey: instanceKeys.settings,
    queryFn: readSettings,
  });
}

export function useSaveInstanceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) => unwrap(api.PATCH('/api/v1/admin/settings', { body: change })),
    // Set from the answer, not read again: the browser may hold the public answer for a few seconds.
    onSuccess: (settings) => {
      const { name, description, signUps } = settings;
      queryClient.setQueryData(instanceKeys.settings, settings);
      queryClient.setQueryData(instanceKeys.all, { name, description, signUps });
    },
  });
}
