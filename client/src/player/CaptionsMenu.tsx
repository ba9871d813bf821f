// Off, or one of the video's caption languages.
import { CAPTIONS_OFF, type CaptionChoice } from './useCaptions.js';

export function CaptionsMenu({ captions }: { captions: CaptionChoice }) {
  if (captions.tracks.length === 0) return null;
  return (
    <label className="player-setting">
      Captions
      <select value={captions.chosen} onChange={(event) => captions.choose(Number(event.target.value))}>
        <option value={CAPTIONS_OFF}>Off</option>
        {captions.tracks.map((track) => (
          <option key={track.index} value={track.index}>
            {track.label}
          </option>
        ))}
      </select>
    </label>
  );
}
