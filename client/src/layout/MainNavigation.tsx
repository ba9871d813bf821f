// The main sections: a sidebar on wide screens, a bar along the bottom on phones.
import { NavLink } from 'react-router';
import { AppIcon, type AppIconName } from '../components/AppIcon.js';

const SECTIONS: { to: string; label: string; icon: AppIconName }[] = [
  { to: '/', label: 'Home', icon: 'home' },
  { to: '/subscriptions', label: 'Subscriptions', icon: 'subscriptions' },
  { to: '/history', label: 'History', icon: 'history' },
  { to: '/playlists', label: 'Playlists', icon: 'playlists' },
  { to: '/studio', label: 'Studio', icon: 'studio' },
];

export function MainNavigation() {
  return (
    <nav className="main-navigation" aria-label="Main">
      {SECTIONS.map((section) => (
        <NavLink key={section.to} to={section.to} end={section.to === '/'}>
          <AppIcon name={section.icon} className="nav-icon" />
          <span>{section.label}</span>
        </NavLink>
      ))}
    </nav>
  );
}
