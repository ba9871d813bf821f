// On a comment on my video, blocking its author from my channel, after a confirmation: their comments on
// my videos are hidden from everyone but them, and they cannot comment there any more.
import { useState } from 'react';
import { useBlockActions } from '../api/blocked-accounts.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export function BlockAuthorButton({ author }: { author: { id: string; handle: string } }) {
  const [confirming, setConfirming] = useState(false);
  const { block } = useBlockActions();

  if (!confirming) {
    return (
      <button type="button" className="link-button" onClick={() => setConfirming(true)}>
        Block this person from my channel
      </button>
    );
  }
  return (
    <fieldset className="comment-actions confirm-delete">
      <legend>
        Block @{author.handle}? They can no longer comment on your videos, and their comments there are
        hidden.
      </legend>
      <button
        type="button"
        className="button-danger"
        disabled={block.isPending}
        onClick={() => block.mutate(author.id)}
      >
        Block
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {block.isError && <ErrorNotice error={block.error} />}
    </fieldset>
  );
}
