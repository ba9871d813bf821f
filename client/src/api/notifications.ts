// My notifications and how many are unread; marking some read updates both, as both keys start with the
// list's.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.js';
import { cursorPaging } from './paging.js';
import type { paths } from './schema.js';

type Inbox = paths['/api/v1/me/notifications']['get']['responses'][200]['content']['application/json'];
export type Notification = Inbox['items'][number];

const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
};

/** The badge's count, refreshed every minute while the app is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => unwrap(api.GET('/api/v1/me/notifications/unread-count')),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.all,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/me/notifications', { params: { query: { cursor, limit: 30 } } })),
    ),
  });
}

/** Marks these notifications read, or all of them without ids. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) =>
      unwrap(api.POST('/api/v1/me/notifications/read', { body: ids ? { ids } : {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
