// Playback speed, from a quarter to double.
import { SPEEDS } from './rememberedSettings.js';

export function SpeedMenu({ speed, onChoose }: { speed: number; onChoose: (speed: number) => void }) {
  return (
    <label className="player-setting">
      Speed
      <select value={speed} onChange={(event) => onChoose(Number(event.target.value))}>
        {SPEEDS.map((value) => (
          <option key={value} value={value}>
            {value === 1 ? 'Normal' : `${value}×`}
          </option>
        ))}
      </select>
    </label>
  );
}
