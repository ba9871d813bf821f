// The autoplay switch in the heading of up next.
import { useAutoplaySetting } from './autoplaySetting.js';

export function AutoplaySwitch() {
  const [on, choose] = useAutoplaySetting();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className="autoplay-switch"
      onClick={() => choose(!on)}
      title={on ? 'Autoplay is on' : 'Autoplay is off'}
    >
      Autoplay
      <span className="autoplay-track" aria-hidden="true">
        <span className="autoplay-thumb" />
      </span>
    </button>
  );
}
