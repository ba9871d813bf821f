// A Report button for people signed in, on a video, a comment or a channel: opens the report dialog.
import { useState } from 'react';
import type { ReportKind } from '../api/reports.js';
import { AppIcon } from '../components/AppIcon.js';
import { ReportDialog } from './ReportDialog.js';

interface ReportButtonProps {
  kind: ReportKind;
  id: string;
  /** Among a comment's text actions it is a plain link-like word, without its icon. */
  plain?: boolean;
}

export function ReportButton({ kind, id, plain = false }: ReportButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {plain ? (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Report
        </button>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          <AppIcon name="report" /> Report
        </button>
      )}
      {open && <ReportDialog kind={kind} id={id} onClose={() => setOpen(false)} />}
    </>
  );
}
