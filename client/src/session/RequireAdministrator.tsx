// Administration pages exist only for administrators: to anyone else, signed in or not, the address is
// unknown, as the API answers them.
import type { ReactNode } from 'react';
import { useSession } from '../api/session.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';

export function RequireAdministrator({ children }: { children: ReactNode }) {
  const { session, isLoading } = useSession();
  if (isLoading) return <p className="status">Loading…</p>;
  if (session?.user.role !== 'administrator') return <NotFoundPage />;
  return children;
}
