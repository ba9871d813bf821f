// The frame of every page: header on top, navigation beside (wide screens) or below (phones), and the
// player host, which keeps a playing video going in a corner when its watch page is left.
import { Outlet } from 'react-router';
import { PlayerHost } from '../player/PlayerHost.js';
import { Header } from './Header.js';
import { MainNavigation } from './MainNavigation.js';

export function AppLayout() {
  return (
    <PlayerHost>
      <div className="app">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Header />
        <MainNavigation />
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </PlayerHost>
  );
}
