// /admin — the administration, for moderators and administrators; anyone else, signed in or not, gets the
// not-found page, as the API answers them.
import { Navigate, Outlet } from 'react-router';
import { useSession } from '../api/session.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { AdminNavigation, sectionsFor } from './AdminNavigation.js';

export function AdminPage() {
  usePageTitle('Administration');
  const { session, isLoading } = useSession();
  if (isLoading) return <p className="status">Loading…</p>;
  if (!session || session.user.role === 'member') return <NotFoundPage />;
  return (
    <section className="admin-page">
      <h1 className="page-heading">Administration</h1>
      <AdminNavigation role={session.user.role} />
      <Outlet />
    </section>
  );
}

/** /admin itself opens the first section this person may use. */
export function AdminHome() {
  const { session } = useSession();
  const [first] = sectionsFor(session?.user.role ?? 'moderator');
  return <Navigate to={`/admin/${first?.path ?? 'reports'}`} replace />;
}

/** A section for administrators only: moderators who type its address get the not-found page. */
export function AdministratorsOnly({ children }: { children: React.ReactNode }) {
  const { session } = useSession();
  return session?.user.role === 'administrator' ? children : <NotFoundPage />;
}
