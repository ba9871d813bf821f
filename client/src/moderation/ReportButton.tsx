// The watch page's Report button, for people signed in: opens the report dialog.
import { useState } from 'react';
import { AppIcon } from '../components/AppIcon.js';
import { ReportDialog } from './ReportDialog.js';

export function ReportButton({ videoId }: { videoId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        <AppIcon name="report" /> Report
      </button>
      {open && <ReportDialog videoId={videoId} onClose={() => setOpen(false)} />}
    </>
  );
}
