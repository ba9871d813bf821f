// Share a video: its link, the link at the moment the player has reached (`?t=`), and the code that
// embeds its player in another site (written by the server's oEmbed answer, so both say the same).
import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage, type Video } from '../api/client.js';
import { useEmbedCode } from '../api/embeds.js';
import { formatDuration } from '../format/format.js';
import { copyText } from './copyText.js';

interface ShareDialogProps {
  video: Video;
  /** Where the player is, in whole seconds. */
  currentSeconds: number;
  onClose: () => void;
}

export function ShareDialog({ video, currentSeconds, onClose }: ShareDialogProps) {
  const titleId = useId();
  const linkId = useId();
  const codeId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const linkField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLTextAreaElement>(null);
  const [atCurrentTime, setAtCurrentTime] = useState(false);
  const [copied, setCopied] = useState('');
  const link = `${location.origin}/watch/${video.id}${atCurrentTime ? `?t=${currentSeconds}` : ''}`;
  const embeddable = video.visibility !== 'private';
  const code = useEmbedCode(link, embeddable);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function copy(what: string, text: string, field: HTMLInputElement | HTMLTextAreaElement | null) {
    setCopied(
      (await copyText(text, field)) ? `${what} copied` : `Select the ${what.toLowerCase()} and copy it`,
    );
  }

  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Share</h2>
      <div className="share-field">
        <label htmlFor={linkId}>Link</label>
        <div className="share-row">
          <input
            id={linkId}
            ref={linkField}
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" onClick={() => copy('Link', link, linkField.current)}>
            Copy link
          </button>
        </div>
      </div>
      <label className="share-start">
        <input
          type="checkbox"
          checked={atCurrentTime}
          disabled={currentSeconds < 1}
          onChange={(event) => setAtCurrentTime(event.currentTarget.checked)}
        />
        Start at {formatDuration(currentSeconds)}
      </label>
      {embeddable ? (
        <div className="share-field">
          <label htmlFor={codeId}>Embed</label>
          <textarea
            id={codeId}
            ref={codeField}
            readOnly
            rows={4}
            value={code.data ?? (code.error ? errorMessage(code.error) : 'Loading…')}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button
            type="button"
            disabled={!code.data}
            onClick={() => code.data && copy('Embed code', code.data, codeField.current)}
          >
            Copy embed code
          </button>
        </div>
      ) : (
        <p className="muted">Private videos cannot be embedded in other sites.</p>
      )}
      <p className="share-status" role="status">
        {copied}
      </p>
      <div className="form-buttons">
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
