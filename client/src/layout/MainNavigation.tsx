// The main sections: a sidebar on wide screens, a bar along the bottom on phones.
import { NavLink } from 'react-router';

const SECTIONS = [
  { to: '/', label: 'Home', icon: '⌂' },
  { to: '/subscriptions', label: 'Subscriptions', icon: '▤' },
  { to: '/history', label: 'History', icon: '↺' },
  { to: '/studio', label: 'Studio', icon: '✎' },
];

export function MainNavigation() {
  return (
    <nav className="main-navigation" aria-label="Main">
      {SECTIONS.map((section) => (
        <NavLink key={section.to} to={section.to} end={section.to === '/'}>
          <span aria-hidden="true" className="nav-icon">
            {section.icon}
          </span>
          <span>{section.label}</span>
        </NavLink>
      ))}
    </nav>
  );
}
