// The player's icons, from the Lucide set (lucide-react): one place that says which glyph stands for what,
// so the control bar, the centre button, the double-tap ripple and the mini-player draw the same shapes. They take the
// button's colour and are hidden from screen readers: the button's own name says what it does.
import {
  Captions,
  CaptionsOff,
  Expand,
  FastForward,
  type LucideIcon,
  Maximize,
  Minimize,
  Pause,
  PictureInPicture2,
  Play,
  RectangleHorizontal,
  Rewind,
  Settings,
  Volume2,
  VolumeX,
  X,
} from 'lucide-react';

const ICONS = {
  play: Play,
  pause: Pause,
  volume: Volume2,
  muted: VolumeX,
  settings: Settings,
  fullscreen: Maximize,
  'exit-fullscreen': Minimize,
  'picture-in-picture': PictureInPicture2,
  theatre: RectangleHorizontal,
  'seek-back': Rewind,
  'seek-forward': FastForward,
  expand: Expand,
  captions: Captions,
  'captions-off': CaptionsOff,
  close: X,
} satisfies Record<string, LucideIcon>;

export type PlayerIconName = keyof typeof ICONS;

// Play, pause and the seek arrows read better as solid shapes over a moving picture.
const SOLID = new Set<PlayerIconName>(['play', 'pause', 'seek-back', 'seek-forward']);

export function PlayerIcon({ name }: { name: PlayerIconName }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden="true" focusable="false" fill={SOLID.has(name) ? 'currentColor' : 'none'} />;
}
