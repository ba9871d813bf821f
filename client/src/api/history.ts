// What I watched, most recent first, with how far I got; clearing it or pausing its recording refreshes it.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.js';
import { cursorPaging } from './paging.js';

const historyKey = ['history'] as const;

export function useHistory() {
  return useInfiniteQuery({
    queryKey: historyKey,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/me/history', { params: { query: { cursor, limit: 24 } } })),
    ),
  });
}

function useRefreshHistory() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: historyKey });
}

export function useClearHistory() {
  const refresh = useRefreshHistory();
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/api/v1/me/history')), onSuccess: refresh });
}

/** Pauses recording (true) or resumes it. */
export function usePauseHistory() {
  const refresh = useRefreshHistory();
  return useMutation({
    mutationFn: (pause: boolean) =>
      pause ? unwrap(api.PUT('/api/v1/me/history/pause')) : unwrap(api.DELETE('/api/v1/me/history/pause')),
    onSuccess: refresh,
  });
}
