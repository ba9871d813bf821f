// Who may see a playlist: the choice, named the way the rest of the app names a video's.
import { useId } from 'react';
import type { Playlist } from '../api/playlists.js';

type Visibility = Playlist['visibility'];

const LABELS: Record<Visibility, string> = {
  private: 'Private',
  unlisted: 'Unlisted (anyone with the link)',
  public: 'Public',
};

export function VisibilitySelect({
  value,
  onChange,
}: {
  value: Visibility;
  onChange: (next: Visibility) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Visibility</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as Visibility)}>
        {Object.entries(LABELS).map(([option, label]) => (
          <option key={option} value={option}>
            {label}
          </option>
        ))}
      </select>
    </>
  );
}
