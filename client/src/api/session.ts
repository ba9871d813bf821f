// Who is signed in, signing in, up and out. The session cookie is httpOnly, so a small hint in localStorage
// says whether asking the server is worth it: visitors who never signed in make no request that must fail.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiFailure, api, type Channel, type JsonBody, type User, unwrap } from './client.js';

const SIGNED_IN_HINT = 'vidstream.signedIn';
export const sessionKey = ['session'] as const;

export interface Session {
  user: User;
  channel: Channel;
}

async function loadSession(): Promise<Session | null> {
  if (localStorage.getItem(SIGNED_IN_HINT) === null) return null;
  try {
    return await unwrap(api.GET('/api/v1/me'));
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.status !== 401) throw error;
    localStorage.removeItem(SIGNED_IN_HINT);
    return null;
  }
}

export function useSession() {
  const query = useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: 5 * 60_000 });
  return { session: query.data ?? null, isLoading: query.isLoading };
}

export const signIn = (credentials: JsonBody<'/api/v1/auth/login', 'post'>) =>
  unwrap(api.POST('/api/v1/auth/login', { body: credentials }));

/** Creates an account and its channel, and signs in. */
export const signUp = (account: JsonBody<'/api/v1/auth/register', 'post'>) =>
  unwrap(api.POST('/api/v1/auth/register', { body: account }));

/**
 * After sign-up or sign-in: every cached answer was made for someone else, so start afresh. Resetting
 * (not removing) keeps the queries that components watch, so they show the new answers.
 */
export function useSessionStarted() {
  const queryClient = useQueryClient();
  return async () => {
    localStorage.setItem(SIGNED_IN_HINT, '1');
    await queryClient.resetQueries();
  };
}

export function useSignOut(everywhere = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      everywhere ? unwrap(api.POST('/api/v1/auth/logout-all')) : unwrap(api.POST('/api/v1/auth/logout')),
    onSuccess: () => forgetSession(queryClient),
  });
}

/** After signing out, or when the server no longer knows the session (it expired, or ended elsewhere). */
export function forgetSession(queryClient: QueryClient): void {
  localStorage.removeItem(SIGNED_IN_HINT);
  // Signed-out first, so that what only a signed-in person sees unmounts instead of refetching into a
  // 401; then every answer made for the old session goes (components still shown fetch afresh).
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
