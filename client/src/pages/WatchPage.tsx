// /watch/:id — the player (or the processing state), the video's details and what to watch next; with
// `?list=`, the playlist it plays in beside it.
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { ApiFailure } from '../api/client.js';
import { useSession } from '../api/session.js';
import { useVideo } from '../api/videos.js';
import { ChatPanel } from '../chat/ChatPanel.js';
import { CommentsSection } from '../comments/CommentsSection.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ChapterList } from '../components/ChapterList.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { ExpandableText } from '../components/ExpandableText.js';
import { LiveBadge } from '../components/LiveBadge.js';
import { ReactionButtons } from '../components/ReactionButtons.js';
import { SubscribeButton } from '../components/SubscribeButton.js';
import { UpNext } from '../components/UpNext.js';
import { formatAge, formatCount } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { ReportButton } from '../moderation/ReportButton.js';
import { loadHls } from '../player/hlsLibrary.js';
import { PlayerSlot } from '../player/PlayerSlot.js';
import { useTheatreMode } from '../player/useTheatreMode.js';
import { PlaylistPanel } from '../playlists/PlaylistPanel.js';
import { SaveButton } from '../playlists/SaveButton.js';
import { usePlaylistPlayback } from '../playlists/usePlaylistPlayback.js';
import { ProcessingStatus } from '../processing/ProcessingStatus.js';
import { ShareButton } from '../share/ShareButton.js';
import { useLinkStart } from '../share/useLinkStart.js';
import { AutoplayCountdown } from '../upnext/AutoplayCountdown.js';

export function WatchPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const { data: video, error, isPending } = useVideo(id);
  usePageTitle(video?.title);
  const linkStart = useLinkStart();
  const theatre = useTheatreMode();
  const playerCell = useRef<HTMLDivElement>(null);
  const playlist = usePlaylistPlayback(id);
  // The player's library loads beside the video's data, not after it.
  useEffect(() => void loadHls(), []);

  if (isPending) return <p className="status">Loading…</p>;
  if (error) {
    const missing = error instanceof ApiFailure && error.status === 404;
    return missing ? (
      <section className="narrow-page card" role="alert">
        <h1>This video isn't available</h1>
        <p>It may be private, or it was removed.</p>
        <Link to="/">Back to the home page</Link>
      </section>
    ) : (
      <ErrorNotice error={error} />
    );
  }

  const mine = session?.channel.id === video.channel.id;
  const live = video.live?.state === 'live';
  // A live video's chat stays beside its recording, read-only.
  const chat = video.live !== null && video.playable;
  const playerVideo = () => playerCell.current?.querySelector('video') ?? null;
  function playFrom(seconds: number) {
    const element = playerVideo();
    if (!element) return;
    element.currentTime = seconds;
    // A refusal to start (no gesture reached the element) leaves it paused at the chapter: that is fine.
    element.play().catch(() => undefined);
  }
  // The player is a grid cell of its own, so theatre mode moves it without remounting it (and stopping it);
  // the player host fills the cell, and keeps a playing video going in a corner when the page is left.
  return (
    <div
      className={['watch-page', theatre.on && 'watch-theatre', chat && 'watch-with-chat']
        .filter(Boolean)
        .join(' ')}
    >
      <div className="watch-player" ref={playerCell}>
        {video.playable && video.hlsUrl ? (
          <PlayerSlot
            video={video}
            hlsUrl={video.hlsUrl}
            signedIn={session !== null}
            startAt={linkStart}
            theatre={theatre}
          />
        ) : (
          <ProcessingStatus video={video} live={mine} placeholder />
        )}
        <AutoplayCountdown videoId={video.id} player={playerCell} queued={playlist?.queued} />
      </div>
      {chat && (
        <div className="watch-chat">
          <ChatPanel video={video} />
        </div>
      )}
      <section className="watch-primary">
        {/* A video plays while its last segments are still being encoded; its owner sees how far along. */}
        {/* A live video stays `processing` with no progress to show. */}
        {video.playable && mine && video.state === 'processing' && !video.live && (
          <ProcessingStatus video={video} live />
        )}
        <h1 className="watch-title">{video.title}</h1>
        <div className="watch-actions">
          <Link to={`/@${video.channel.handle}`} className="channel-line">
            <ChannelAvatar channel={video.channel} size="small" />
            <strong>{video.channel.displayName}</strong>
          </Link>
          <SubscribeButton handle={video.channel.handle} />
          <ReactionButtons video={video} />
          <ShareButton video={video} playerSeconds={() => playerVideo()?.currentTime ?? 0} />
          {session && <SaveButton videoId={video.id} />}
          {session && !mine && <ReportButton kind="video" id={video.id} />}
        </div>
        <div className="description card">
          <p className="muted">
            {live && (
              <>
                <LiveBadge />{' '}
                {video.live?.viewers != null && `${video.live.viewers.toLocaleString('en')} watching · `}
              </>
            )}
            {formatCount(video.viewCount, 'view')} · {formatAge(video.publishedAt ?? video.createdAt)}
            {video.visibility !== 'public' && ` · ${video.visibility}`}
          </p>
          <ExpandableText text={video.description || 'No description.'} />
        </div>
        {video.playable && <ChapterList chapters={video.chapters} onJump={playFrom} />}
        {video.playable && <CommentsSection video={video} />}
      </section>
      <div className="watch-side">
        {playlist && (
          <PlaylistPanel
            playlist={playlist.playlist}
            items={playlist.items}
            currentId={video.id}
            order={playlist.order}
            onOrderChange={playlist.changeOrder}
          />
        )}
        <UpNext currentId={video.id} />
      </div>
    </div>
  );
}
