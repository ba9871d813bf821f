// The background jobs, for administrators: counts per job name (refreshed while the page is open), the
// failed jobs, and retrying one, which refreshes both.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, byId, unwrap } from './client.js';
import { cursorPaging } from './paging.js';

const readFailedPage = (cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/admin/jobs/failed', { params: { query: { cursor, limit: 30 } } }));

export type FailedJob = Awaited<ReturnType<typeof readFailedPage>>['items'][number];

const jobKeys = {
  all: ['jobs'] as const,
  counts: ['jobs', 'counts'] as const,
  failed: ['jobs', 'failed'] as const,
};

export function useJobCounts() {
  return useQuery({
    queryKey: jobKeys.counts,
    queryFn: () => unwrap(api.GET('/api/v1/admin/jobs')),
    refetchInterval: 5_000,
  });
}

export function useFailedJobs() {
  return useInfiniteQuery({
    queryKey: jobKeys.failed,
    ...cursorPaging(readFailedPage),
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/jobs/{id}/retry', { ...byId(id), body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
