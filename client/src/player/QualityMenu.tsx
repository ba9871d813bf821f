// Auto or one fixed rung; Auto says which rung it is playing now.
import { AUTO, type QualityLevel } from './useHlsPlayback.js';

interface QualityMenuProps {
  levels: QualityLevel[];
  chosenLevel: number;
  playingLevel: number;
  onChoose: (index: number) => void;
}

export function QualityMenu({ levels, chosenLevel, playingLevel, onChoose }: QualityMenuProps) {
  if (levels.length === 0) return null;
  const playing = levels[playingLevel]?.label;
  return (
    <label className="player-setting">
      Quality
      <select value={chosenLevel} onChange={(event) => onChoose(Number(event.target.value))}>
        <option value={AUTO}>{playing && chosenLevel === AUTO ? `Auto (${playing})` : 'Auto'}</option>
        {[...levels].reverse().map((level) => (
          <option key={level.index} value={level.index}>
            {level.label}
          </option>
        ))}
      </select>
    </label>
  );
}
