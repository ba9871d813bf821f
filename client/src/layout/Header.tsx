// Logo, search, upload and the account menu.
import { Link } from 'react-router';
import { useInstanceName } from '../api/instance.js';
import { useSession } from '../api/session.js';
import { AppIcon } from '../components/AppIcon.js';
import { NotificationsLink } from '../notifications/NotificationsLink.js';
import { AccountMenu } from './AccountMenu.js';
import { SearchBox } from './SearchBox.js';

export function Header() {
  const { session, isLoading } = useSession();
  const instance = useInstanceName();
  return (
    <header className="app-header">
      <Link to="/" className="logo" aria-label={`${instance} home`}>
        <AppIcon name="logo" />
        <span className="logo-name">{instance}</span>
      </Link>
      <SearchBox />
      <div className="header-actions">
        <Link to="/upload" className="button" aria-label="Upload">
          <AppIcon name="upload" />
          <span className="label-wide">Upload</span>
        </Link>
        {session && <NotificationsLink />}
        {session ? (
          <AccountMenu session={session} />
        ) : (
          !isLoading && (
            <Link to="/signin" className="button button-primary">
              Sign in
            </Link>
          )
        )}
      </div>
    </header>
  );
}
