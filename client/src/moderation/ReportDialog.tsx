// Report a video, a comment or a channel to the moderators: why (one of the instance's reasons) and, if the viewer wants, more.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiFailure, errorMessage } from '../api/client.js';
import { fileReport, type ReportKind, type ReportReason } from '../api/reports.js';

const REASONS: Record<ReportReason, string> = {
  spam: 'Spam or scam',
  harassment: 'Harassment or bullying',
  hateful: 'Hateful or abusive',
  violent: 'Violent or dangerous',
  sexual: 'Sexual content',
  misleading: 'Misleading',
  copyright: 'Infringes my rights',
  other: 'Something else',
};
const MAX_DETAILS = 1000;

interface ReportDialogProps {
  kind: ReportKind;
  id: string;
  onClose: () => void;
}

export function ReportDialog({ kind, id, onClose }: ReportDialogProps) {
  const titleId = useId();
  const detailsId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState('');
  const report = useMutation({
    mutationFn: (chosen: ReportReason) =>
      fileReport({ kind, id, reason: chosen, ...(details.trim() ? { details } : {}) }),
  });
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason) report.mutate(reason);
  }

  const alreadyReported = report.error instanceof ApiFailure && report.error.status === 409;
  const done = report.isSuccess || alreadyReported;
  return (
    <dialog ref={dialog} className="report-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Report this {kind}</h2>
      {done ? (
        <p role="status">
          {alreadyReported
            ? `You have already reported this ${kind}; a moderator will look at it.`
            : `Thank you. A moderator will look at this ${kind}.`}
        </p>
      ) : (
        <form id={`${titleId}-form`} onSubmit={submit}>
          <fieldset>
            <legend>What is wrong with it?</legend>
            {Object.entries(REASONS).map(([value, label]) => (
              <label key={value} className="report-reason">
                <input
                  type="radio"
                  name="reason"
                  value={value}
                  checked={reason === value}
                  onChange={() => setReason(value as ReportReason)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <label htmlFor={detailsId}>Anything the moderators should know (optional)</label>
          <textarea
            id={detailsId}
            rows={3}
            maxLength={MAX_DETAILS}
            value={details}
            onChange={(event) => setDetails(event.currentTarget.value)}
          />
          {report.error && !alreadyReported && <p role="alert">{errorMessage(report.error)}</p>}
        </form>
      )}
      <div className="form-buttons">
        {!done && (
          <button type="submit" form={`${titleId}-form`} disabled={!reason || report.isPending}>
            Report
          </button>
        )}
        <button type="button" onClick={() => dialog.current?.close()}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </dialog>
  );
}
