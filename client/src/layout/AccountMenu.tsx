// The signed-in person's avatar, opening a menu of their pages and signing out.
import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { type Session, useSignOut } from '../api/session.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';

export function AccountMenu({ session }: { session: Session }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  // A menu left open after following one of its links would cover the next page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is a reaction to the page changing
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname]);

  return (
    <details className="account-menu" ref={menu}>
      <summary aria-label={`Account menu for ${session.user.displayName}`}>
        <ChannelAvatar channel={session.channel} size="small" />
      </summary>
      <div className="menu-panel">
        <p className="menu-heading">
          <strong>{session.user.displayName}</strong>
          <span className="muted">@{session.user.handle}</span>
        </p>
        <Link to={`/@${session.user.handle}`}>Your channel</Link>
        <Link to="/studio">Studio</Link>
        <Link to="/subscriptions">Subscriptions</Link>
        <Link to="/history">History</Link>
        <Link to="/settings">Settings</Link>
        {session.user.role !== 'member' && <Link to="/admin">Administration</Link>}
        <button type="button" onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/') })}>
          Sign out
        </button>
      </div>
    </details>
  );
}
