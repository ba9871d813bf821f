// Like and dislike with their counts; pressing my current choice again takes it back.
import { Link } from 'react-router';
import type { Video } from '../api/client.js';
import { useSession } from '../api/session.js';
import { type Reaction, useReaction } from '../api/videos.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ThumbIcon } from './ThumbIcon.js';

export function ReactionButtons({ video }: { video: Video }) {
  const { session } = useSession();
  const react = useReaction(video);

  if (!session) {
    return (
      <Link className="button" to={`/signin?next=/watch/${video.id}`}>
        <ThumbIcon /> {video.likeCount} · Sign in to rate
      </Link>
    );
  }
  const button = (value: Reaction, count: number) => (
    <button
      type="button"
      aria-pressed={video.myReaction === value}
      aria-label={`${value === 'like' ? 'Like' : 'Dislike'} (${count})`}
      disabled={react.isPending}
      onClick={() => react.mutate(value)}
    >
      <ThumbIcon down={value === 'dislike'} /> {count}
    </button>
  );
  return (
    <div className="reactions">
      {button('like', video.likeCount)}
      {button('dislike', video.dislikeCount)}
      {react.isError && <ErrorNotice error={react.error} />}
    </div>
  );
}
