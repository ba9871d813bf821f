// Title, description and visibility of a video: the upload form and the studio's editor share them.
import type { Visibility } from '../api/client.js';

export interface VideoDetails {
  title: string;
  description: string;
  visibility: Visibility;
}

const VISIBILITIES: { value: Visibility; label: string }[] = [
  { value: 'public', label: 'Public: everyone can find and watch it' },
  { value: 'unlisted', label: 'Unlisted: anyone with the link can watch it' },
  { value: 'private', label: 'Private: only you' },
];

export function VideoDetailsFields({ initial }: { initial: VideoDetails }) {
  return (
    <>
      <label>
        Title
        <input name="title" defaultValue={initial.title} maxLength={100} pattern=".*\S.*" required />
      </label>
      <label>
        Description
        <textarea name="description" defaultValue={initial.description} maxLength={5000} rows={5} />
      </label>
      <label>
        Visibility
        <select name="visibility" defaultValue={initial.visibility}>
          {VISIBILITIES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Reads the fields above back from their form. */
export function readVideoDetails(form: HTMLFormElement): VideoDetails {
  const data = new FormData(form);
  return {
    title: String(data.get('title') ?? '').trim(),
    description: String(data.get('description') ?? ''),
    visibility: String(data.get('visibility') ?? 'public') as Visibility,
  };
}
