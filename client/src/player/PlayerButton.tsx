// One icon button of the player: its name is what a screen reader says and what the tooltip shows, with
// the keyboard shortcut when it has one.
import { PlayerIcon, type PlayerIconName } from './PlayerIcon.js';

interface PlayerButtonProps {
  label: string;
  icon: PlayerIconName;
  onClick: () => void;
  /** The key that does the same (see usePlayerShortcuts). */
  shortcut?: string;
  /** For a button that stays on or off (its name does not change). */
  pressed?: boolean;
  /** For a button that opens a panel: whether it is open, and the panel's id. */
  expanded?: boolean;
  controls?: string;
  disabled?: boolean;
  className?: string;
}

export function PlayerButton({ label, icon, shortcut, pressed, className, ...rest }: PlayerButtonProps) {
  return (
    <button
      type="button"
      className={className ? `player-button ${className}` : 'player-button'}
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      aria-expanded={rest.expanded}
      aria-controls={rest.controls}
      data-tooltip={shortcut ? `${label} (${shortcut})` : label}
      onClick={rest.onClick}
      disabled={rest.disabled}
    >
      <PlayerIcon name={icon} />
    </button>
  );
}
