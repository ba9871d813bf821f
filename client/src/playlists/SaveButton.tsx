// The watch page's Save button, for people signed in: opens the dialog that puts the video in playlists.
import { useState } from 'react';
import { AppIcon } from '../components/AppIcon.js';
import { SaveDialog } from './SaveDialog.js';

export function SaveButton({ videoId }: { videoId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* Named in full: a comment being edited on the same page has a Save button of its own. */}
      <button type="button" aria-label="Save to playlist" onClick={() => setOpen(true)}>
        <AppIcon name="save" /> Save
      </button>
      {open && <SaveDialog videoId={videoId} onClose={() => setOpen(false)} />}
    </>
  );
}
