// Like and dislike with their counts; pressing my current choice again takes it back.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap, type Video } from '../api/client.js';
import { videoKey } from '../api/videos.js';
import { useSession } from '../session/session.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ThumbIcon } from './ThumbIcon.js';

type Reaction = 'like' | 'dislike';

export function ReactionButtons({ video }: { video: Video }) {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const path = { params: { path: { id: video.id } } };
  const react = useMutation({
    mutationFn: (value: Reaction) =>
      video.myReaction === value
        ? unwrap(api.DELETE('/api/v1/videos/{id}/reaction', path))
        : unwrap(api.PUT('/api/v1/videos/{id}/reaction', { ...path, body: { value } })),
    onSuccess: (summary) =>
      queryClient.setQueryData<Video>(videoKey(video.id), (old) => old && { ...old, ...summary }),
  });

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
