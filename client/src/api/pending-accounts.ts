// Accounts that await an administrator's approval: the list, oldest first, and approving or declining one.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, byId, unwrap } from './client.js';
import { cursorPaging } from './paging.js';

const pendingKey = ['pending-accounts'] as const;

export type Decision = 'approve' | 'decline';

export function usePendingAccounts() {
  return useInfiniteQuery({
    queryKey: pendingKey,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/admin/accounts/pending', { params: { query: { cursor, limit: 50 } } })),
    ),
  });
}

export function useDecideAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: Decision }) =>
      decision === 'approve'
        ? unwrap(api.POST('/api/v1/admin/accounts/{id}/approval', { ...byId(id), body: {} }))
        : unwrap(api.DELETE('/api/v1/admin/accounts/{id}/approval', { ...byId(id), body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pendingKey }),
  });
}
