// /@:handle — a channel: avatar, name, handle, subscribers, description and its videos.

import { useChannel } from '../api/channels.js';
import { ApiFailure } from '../api/client.js';
import { channelFeed } from '../api/feeds.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { ExpandableText } from '../components/ExpandableText.js';
import { SubscribeButton } from '../components/SubscribeButton.js';
import { VideoFeed } from '../components/VideoFeed.js';
import { formatCount } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { NotFoundPage } from './NotFoundPage.js';

export function ChannelPage({ handle }: { handle: string }) {
  const { data: channel, error, isPending } = useChannel(handle);
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
          <SubscribeButton handle={channel.handle} />
        </div>
      </header>
      {channel.description && <ExpandableText text={channel.description} />}
      <h2>Videos</h2>
      <VideoFeed list={channelFeed(channel.handle)} emptyMessage="This channel has no public videos yet." />
    </>
  );
}
