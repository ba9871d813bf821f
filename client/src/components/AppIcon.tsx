// The app's icons outside the player, from the same Lucide set (lucide-react) as PlayerIcon: one place that
// says which glyph stands for what. Drawn rather than typed, they look the same whatever fonts the device
// has. They take the text's colour and are hidden from screen readers: the link or button names itself.
import {
  Bell,
  Clapperboard,
  Flag,
  History,
  House,
  Library,
  ListPlus,
  ListVideo,
  type LucideIcon,
  Play,
  Search,
  Share2,
  Upload,
} from 'lucide-react';

const ICONS = {
  logo: Play,
  home: House,
  subscriptions: ListVideo,
  history: History,
  studio: Clapperboard,
  upload: Upload,
  search: Search,
  notifications: Bell,
  share: Share2,
  report: Flag,
  save: ListPlus,
  playlists: Library,
} satisfies Record<string, LucideIcon>;

export type AppIconName = keyof typeof ICONS;

// The logo is a solid mark; the rest are outlines.
const SOLID = new Set<AppIconName>(['logo']);

export function AppIcon({ name, className }: { name: AppIconName; className?: string }) {
  const Icon = ICONS[name];
  return (
    <Icon
      aria-hidden="true"
      focusable="false"
      className={className ? `app-icon ${className}` : 'app-icon'}
      fill={SOLID.has(name) ? 'currentColor' : 'none'}
    />
  );
}
