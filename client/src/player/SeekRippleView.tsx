// The double-tap ripple: a lit band over the tapped third of the picture, a wave that starts afresh with
// each tap, and how far the taps moved ("10 seconds"). Decoration for the eye: the position itself is
// what the seek bar and the time say to everyone.
import { PlayerIcon } from './PlayerIcon.js';
import type { SeekRipple } from './useTapGestures.js';

export function SeekRippleView({ ripple }: { ripple: SeekRipple }) {
  return (
    <div className={`seek-ripple seek-ripple-${ripple.side}`} aria-hidden="true">
      <span className="seek-ripple-wave" key={ripple.taps} />
      <span className="seek-ripple-label">
        <PlayerIcon name={ripple.side === 'back' ? 'seek-back' : 'seek-forward'} />
        {ripple.side === 'back' ? '−' : '+'}
        {ripple.seconds} seconds
      </span>
    </div>
  );
}
