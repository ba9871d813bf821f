// The people I blocked from commenting on my channel: blocking one hides their comments on my videos,
// unblocking shows them again, so either refreshes every discussion as well as the list.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.js';
import { commentKeys } from './comments.js';
import { cursorPaging } from './paging.js';
import { videoKeys } from './videos.js';

const blockedKeys = { all: ['blocked-accounts'] as const };
const byAccount = (accountId: string) => ({ params: { path: { accountId } } });

export function useBlockedAccounts() {
  return useInfiniteQuery({
    queryKey: blockedKeys.all,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/me/blocked-accounts', { params: { query: { limit: 20, cursor } } })),
    ),
  });
}

export function useBlockActions() {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: blockedKeys.all }),
      queryClient.invalidateQueries({ queryKey: commentKeys.all }),
      queryClient.invalidateQueries({ queryKey: videoKeys.all }),
    ]);
  const block = useMutation({
    mutationFn: (accountId: string) =>
      unwrap(api.PUT('/api/v1/me/blocked-accounts/{accountId}', byAccount(accountId))),
    onSuccess: refresh,
  });
  const unblock = useMutation({
    mutationFn: (accountId: string) =>
      unwrap(api.DELETE('/api/v1/me/blocked-accounts/{accountId}', byAccount(accountId))),
    onSuccess: refresh,
  });
  return { block, unblock };
}
