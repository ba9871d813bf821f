// Playback speed, from a quarter to double.
const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

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
