// The administration: the moderation queue and acting on it, accounts (roles, suspension), the audit log.
// Every action refreshes the lists it changes.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.js';
import { cursorPaging } from './paging.js';
import type { paths } from './schema.js';

type Answer<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { 'application/json': infer Body } } } };
}
  ? Body
  : never;

export type ReportedItem = Answer<'/api/v1/admin/reports'>['items'][number];
export type AccountRow = Answer<'/api/v1/admin/accounts'>['items'][number];
export type AuditEntry = Answer<'/api/v1/admin/audit-log'>['items'][number];
export type Role = AccountRow['role'];

export const adminKeys = {
  reports: ['admin', 'reports'] as const,
  accounts: (search: string) => ['admin', 'accounts', search] as const,
  auditLog: ['admin', 'audit-log'] as const,
};

export function useReportQueue() {
  return useInfiniteQuery({
    queryKey: adminKeys.reports,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/admin/reports', { params: { query: { cursor, limit: 20 } } })),
    ),
  });
}

export function useAccounts(search: string) {
  return useInfiniteQuery({
    queryKey: adminKeys.accounts(search),
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/admin/accounts', { params: { query: { q: search, cursor, limit: 20 } } })),
    ),
  });
}

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: adminKeys.auditLog,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/admin/audit-log', { params: { query: { cursor, limit: 20 } } })),
    ),
  });
}

/** What a moderator may do, each with the reason the audit log keeps. */
export type ModerationAction =
  | { kind: 'dismiss'; reportedItemId: string }
  | { kind: 'hide-video'; videoId: string }
  | { kind: 'remove-comment'; commentId: string }
  | { kind: 'suspend'; userId: string }
  | { kind: 'lift-suspension'; userId: string }
  | { kind: 'change-role'; userId: string; role: Role };

function perform(action: ModerationAction, reason: string) {
  switch (action.kind) {
    case 'dismiss':
      return api.POST('/api/v1/admin/reports/{id}/dismiss', {
        params: { path: { id: action.reportedItemId } },
        body: { reason },
      });
    case 'hide-video':
      return api.PUT('/api/v1/admin/videos/{id}/moderation', {
        params: { path: { id: action.videoId } },
        body: { state: 'hidden', reason },
      });
    case 'remove-comment':
      return api.DELETE('/api/v1/admin/comments/{id}', {
        params: { path: { id: action.commentId }, query: { reason } },
      });
    case 'suspend':
      return api.PUT('/api/v1/admin/accounts/{id}/suspension', {
        params: { path: { id: action.userId } },
        body: { reason },
      });
    case 'lift-suspension':
      return api.DELETE('/api/v1/admin/accounts/{id}/suspension', {
        params: { path: { id: action.userId }, query: { reason } },
      });
    case 'change-role':
      return api.PUT('/api/v1/admin/accounts/{id}/role', {
        params: { path: { id: action.userId } },
        body: { role: action.role, reason },
      });
  }
}

/** Runs one action; the queue, the accounts and the log are read again afterwards. */
export function useModerationAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: ModerationAction; reason: string }) =>
      unwrap(perform(action, reason)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}
