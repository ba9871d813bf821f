// The mini-player's bar under its picture: the title, play/pause, back to the watch page and close. It is
// always shown: a corner this small has no room for controls that fade, and a finger cannot hover.
import { PlayerButton } from './PlayerButton.js';

/** What the mini-player does beyond playing and pausing (the PlayerHost decides where that leads). */
export interface MiniPlayerActions {
  onExpand: () => void;
  onClose: () => void;
}

interface MiniPlayerBarProps {
  title: string;
  paused: boolean;
  onTogglePlay: () => void;
  actions: MiniPlayerActions;
}

export function MiniPlayerBar({ title, paused, onTogglePlay, actions }: MiniPlayerBarProps) {
  return (
    <div className="mini-player-bar">
      <p className="mini-player-title" title={title}>
        {title}
      </p>
      <PlayerButton
        label={paused ? 'Play' : 'Pause'}
        icon={paused ? 'play' : 'pause'}
        onClick={onTogglePlay}
      />
      <PlayerButton label="Back to the watch page" icon="expand" onClick={actions.onExpand} />
      <PlayerButton label="Close player" icon="close" onClick={actions.onClose} />
    </div>
  );
}
