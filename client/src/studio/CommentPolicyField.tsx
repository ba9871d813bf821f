// Who may comment on a video, set in the studio's editor beside the video's details.
import type { Video } from '../api/client.js';

type CommentPolicy = Video['commentPolicy'];

const POLICIES: { value: CommentPolicy; label: string }[] = [
  { value: 'open', label: 'On: anyone signed in can comment' },
  { value: 'held', label: 'Held: you approve each comment before others see it' },
  { value: 'closed', label: 'Off: no new comments, and the comments are hidden' },
];

export function CommentPolicyField({ initial }: { initial: CommentPolicy }) {
  return (
    <label>
      Comments
      <select name="commentPolicy" defaultValue={initial}>
        {POLICIES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Reads the field above back from its form. */
export function readCommentPolicy(form: HTMLFormElement): CommentPolicy {
  return String(new FormData(form).get('commentPolicy') ?? 'open') as CommentPolicy;
}
