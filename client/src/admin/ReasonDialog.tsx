// Asks why before a moderation action runs: the reason goes to the audit log with it.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type ModerationAction, useModerationAction } from '../api/admin.js';
import { errorMessage } from '../api/client.js';

const MAX_REASON = 1000;

interface ReasonDialogProps {
  /** What is about to happen, as the dialog's heading ("Hide this video"). */
  title: string;
  confirmLabel: string;
  action: ModerationAction;
  onClose: () => void;
}

export function ReasonDialog({ title, confirmLabel, action, onClose }: ReasonDialogProps) {
  const titleId = useId();
  const reasonId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const run = useModerationAction();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    run.mutate({ action, reason: reason.trim() }, { onSuccess: () => dialog.current?.close() });
  }

  return (
    <dialog ref={dialog} className="report-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <form onSubmit={submit}>
        <label htmlFor={reasonId}>Reason (kept in the audit log)</label>
        <textarea
          id={reasonId}
          rows={3}
          required
          maxLength={MAX_REASON}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {run.isError && <p role="alert">{errorMessage(run.error)}</p>}
        <div className="form-buttons">
          <button type="submit" disabled={reason.trim() === '' || run.isPending}>
            {confirmLabel}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The action waiting for its reason, if any, and the dialog that asks for it. */
export interface PendingAction {
  title: string;
  confirmLabel: string;
  action: ModerationAction;
}
