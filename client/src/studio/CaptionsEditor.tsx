// The captions of one of my ready videos in the studio: each language with a button to remove it, and a
// form to upload a WebVTT or SRT file for a language (replacing the one it has). The server checks the
// file and says which line is wrong.
import type { FormEvent } from 'react';
import { useDeleteCaption, useUploadCaption } from '../api/captions.js';
import type { Video } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

/** The languages offered, each named in itself; the server knows many more by their tags. */
const LANGUAGES = [
  'ar',
  'bn',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'fa',
  'fi',
  'fr',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-Hans',
  'zh-Hant',
].map((language) => ({
  language,
  label: new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language,
}));

export function CaptionsEditor({ video }: { video: Video }) {
  const upload = useUploadCaption(video.id);
  const remove = useDeleteCaption(video.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    const reset = event.currentTarget;
    upload.mutate({ language: String(form.get('language')), file }, { onSuccess: () => reset.reset() });
  }

  return (
    <section className="studio-captions" aria-label={`Captions of ${video.title}`}>
      <h3>Captions</h3>
      {video.captions.length === 0 ? (
        <p className="muted">No captions yet.</p>
      ) : (
        <ul>
          {video.captions.map((caption) => (
            <li key={caption.language}>
              {caption.label} <span className="muted">({caption.language})</span>{' '}
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate(caption.language)}
                aria-label={`Remove ${caption.label} captions`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <ErrorNotice error={remove.error} />}
      <form className="form" onSubmit={submit} aria-label="Upload captions">
        <label>
          Language
          <select name="language" defaultValue="en">
            {LANGUAGES.map(({ language, label }) => (
              <option key={language} value={language}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Caption file (WebVTT or SRT)
          <input type="file" name="file" accept=".vtt,.srt,text/vtt,application/x-subrip" required />
        </label>
        {upload.isError && <ErrorNotice error={upload.error} />}
        <div className="form-buttons">
          <button type="submit" className="button-primary" disabled={upload.isPending}>
            Upload captions
          </button>
        </div>
      </form>
    </section>
  );
}
