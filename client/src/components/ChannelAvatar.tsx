// A channel's picture, or its initial on a colour of its own when it has none.
interface AvatarChannel {
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}

export function ChannelAvatar({ channel, size }: { channel: AvatarChannel; size: 'small' | 'large' }) {
  const className = `avatar avatar-${size}`;
  if (channel.avatarUrl) return <img className={className} src={channel.avatarUrl} alt="" />;
  const hue = [...channel.handle].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
  return (
    <span className={className} style={{ background: `hsl(${hue} 55% 45%)` }} aria-hidden="true">
      {channel.displayName.slice(0, 1).toUpperCase()}
    </span>
  );
}
