// The frame of every page: header on top, navigation beside (wide screens) or below (phones).
import { Outlet } from 'react-router';
import { Header } from './Header.js';
import { MainNavigation } from './MainNavigation.js';

export function AppLayout() {
  return (
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
  );
}
