// A channel as I see it (with whether I follow it), shared by its page and every Subscribe button;
// following it, and changing my own channel's profile and picture.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiFailure, api, type Channel, errorMessage, type JsonBody, unwrap } from './client.js';
import { feedKeys } from './feeds.js';
import { type Session, sessionKey } from './session.js';

type ProfileChanges = JsonBody<'/api/v1/me/channel', 'patch'>;

const channelKeys = {
  one: (handle: string) => ['channel', handle.toLowerCase()] as const,
};

export function useChannel(handle: string) {
  return useQuery({
    queryKey: channelKeys.one(handle),
    queryFn: () => unwrap(api.GET('/api/v1/channels/{handle}', { params: { path: { handle } } })),
  });
}

/** Subscribes (true) or stops; my subscriptions feed changes either way. */
export function useSubscription(handle: string) {
  const queryClient = useQueryClient();
  const params = { params: { path: { handle } } };
  return useMutation({
    mutationFn: (subscribe: boolean) =>
      subscribe
        ? unwrap(api.PUT('/api/v1/channels/{handle}/subscription', params))
        : unwrap(api.DELETE('/api/v1/channels/{handle}/subscription', params)),
    onSuccess: (state) => {
      queryClient.setQueryData<Channel>(channelKeys.one(handle), (old) => old && { ...old, ...state });
      void queryClient.invalidateQueries({ queryKey: feedKeys.named('subscriptions') });
    },
  });
}

/** My channel as saved: the session holds it, and the header and settings show it from there. */
function useMyChannelSaved() {
  const queryClient = useQueryClient();
  return (channel: Channel) =>
    queryClient.setQueryData<Session | null>(sessionKey, (old) => old && { ...old, channel });
}

export function useSaveProfile() {
  const saved = useMyChannelSaved();
  return useMutation({
    mutationFn: (profile: ProfileChanges) => unwrap(api.PATCH('/api/v1/me/channel', { body: profile })),
    onSuccess: saved,
  });
}

// The avatar body is the image itself, which the typed client cannot describe: plain fetch it is.
async function uploadAvatar(file: File): Promise<Channel> {
  const response = await fetch('/api/v1/me/channel/avatar', {
    method: 'PUT',
    headers: { 'content-type': file.type },
    body: file,
    credentials: 'same-origin',
  });
  const body = await response.json();
  if (!response.ok) throw new ApiFailure(response.status, errorMessage(body));
  return body as Channel;
}

export function useSaveAvatar() {
  const saved = useMyChannelSaved();
  return useMutation({ mutationFn: uploadAvatar, onSuccess: saved });
}
