// What an embed shows: the player with the video's title (a link to its watch page, in a new tab), or a
// panel saying why there is nothing to play. A private video never plays here, whoever is signed in.
import { useEffect } from 'react';
import { ApiFailure, errorMessage } from '../api/client.js';
import { useEmbeddedVideo } from '../api/embeds.js';
import { loadHls } from '../player/hlsLibrary.js';
import { VideoPlayer } from '../player/VideoPlayer.js';

interface EmbedPageProps {
  id: string;
  startAt: number | undefined;
  autoplay: boolean;
}

export function EmbedPage({ id, startAt, autoplay }: EmbedPageProps) {
  const { data: video, error, isPending } = useEmbeddedVideo(id);
  // The player's library loads beside the video's data, not after it.
  useEffect(() => void loadHls(), []);
  useEffect(() => {
    if (video) document.title = `${video.title} – VidStream`;
  }, [video]);

  if (isPending) return <div className="embed-notice" aria-busy="true" />;
  if (error) return <EmbedNotice title={refusal(error)} />;
  if (!video.playable || !video.hlsUrl) return <EmbedNotice title="This video isn't ready yet" />;
  return (
    <div className="embed">
      <VideoPlayer
        video={video}
        hlsUrl={video.hlsUrl}
        signedIn={false}
        startAt={startAt}
        autoplay={autoplay}
      />
      <a className="embed-title" href={`/watch/${video.id}`} target="_blank" rel="noopener">
        {video.title}
      </a>
    </div>
  );
}

function refusal(error: Error): string {
  if (error instanceof ApiFailure && error.status === 403) return 'This video is private';
  if (error instanceof ApiFailure && error.status === 404) return "This video isn't available";
  return errorMessage(error);
}

function EmbedNotice({ title }: { title: string }) {
  return (
    <div className="embed-notice" role="alert">
      <p>{title}</p>
      <a href="/" target="_blank" rel="noopener">
        VidStream
      </a>
    </div>
  );
}
