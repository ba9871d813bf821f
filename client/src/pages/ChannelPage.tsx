// /@:handle — a channel: avatar, name, handle, subscribers, description, and its videos or (`?tab=playlists`)
// its public playlists; others report it.

import { Link, useSearchParams } from 'react-router';
import { useChannel } from '../api/channels.js';
import { ApiFailure } from '../api/client.js';
import { channelFeed } from '../api/feeds.js';
import { useSession } from '../api/session.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { ExpandableText } from '../components/ExpandableText.js';
import { SubscribeButton } from '../components/SubscribeButton.js';
import { VideoFeed } from '../components/VideoFeed.js';
import { formatCount } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { ReportButton } from '../moderation/ReportButton.js';
import { ChannelPlaylists } from '../playlists/ChannelPlaylists.js';
import { NotFoundPage } from './NotFoundPage.js';

export function ChannelPage({ handle }: { handle: string }) {
  const { data: channel, error, isPending } = useChannel(handle);
  const { session } = useSession();
  const [query] = useSearchParams();
  const tab = query.get('tab') === 'playlists' ? 'playlists' : 'videos';
  usePageTitle(channel?.displayName);

  if (isPending) return <p className="status">Loading…</p>;
  if (error)
    return error instanceof ApiFailure && error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <ErrorNotice error={error} />
    );

  return (
    <>
      <header className="channel-header">
        <ChannelAvatar channel={channel} size="large" />
        <div>
          <h1>{channel.displayName}</h1>
          <p className="muted">
            @{channel.handle} · {formatCount(channel.videoCount, 'video')}
          </p>
          <div className="channel-actions">
            <SubscribeButton handle={channel.handle} />
            {session && session.channel.id !== channel.id && <ReportButton kind="channel" id={channel.id} />}
          </div>
        </div>
      </header>
      {channel.description && <ExpandableText text={channel.description} />}
      <nav className="channel-tabs" aria-label="Channel">
        <Link to={`/@${channel.handle}`} aria-current={tab === 'videos' ? 'page' : undefined}>
          Videos
        </Link>
        <Link
          to={`/@${channel.handle}?tab=playlists`}
          aria-current={tab === 'playlists' ? 'page' : undefined}
        >
          Playlists
        </Link>
      </nav>
      {tab === 'videos' ? (
        <VideoFeed list={channelFeed(channel.handle)} emptyMessage="This channel has no public videos yet." />
      ) : (
        <ChannelPlaylists handle={channel.handle} />
      )}
    </>
  );
}
