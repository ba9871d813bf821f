// The sections of the administration, as links: each says which power it needs, so a moderator sees only
// what they may use. A new section is one more entry here and one more route.
import { NavLink } from 'react-router';
import type { Role } from '../api/admin.js';

interface Section {
  path: string;
  label: string;
  /** Moderators see the sections for moderators; administrators see every one. */
  for: 'moderators' | 'administrators';
}

export const ADMIN_SECTIONS: readonly Section[] = [
  { path: 'reports', label: 'Reports', for: 'moderators' },
  { path: 'accounts', label: 'Accounts', for: 'administrators' },
  { path: 'audit-log', label: 'Audit log', for: 'administrators' },
  { path: 'jobs', label: 'Jobs', for: 'administrators' },
  { path: 'settings', label: 'Settings', for: 'administrators' },
];

export function sectionsFor(role: Role): Section[] {
  return ADMIN_SECTIONS.filter((section) => role === 'administrator' || section.for === 'moderators');
}

export function AdminNavigation({ role }: { role: Role }) {
  return (
    <nav className="admin-navigation" aria-label="Administration sections">
      {sectionsFor(role).map((section) => (
        <NavLink key={section.path} to={`/admin/${section.path}`}>
          {section.label}
        </NavLink>
      ))}
    </nav>
  );
}
