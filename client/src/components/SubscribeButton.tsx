// Subscribe to a channel or stop; visitors are sent to sign in first, and nobody follows themselves.
import { Link, useLocation } from 'react-router';
import { useChannel, useSubscription } from '../api/channels.js';
import { useSession } from '../api/session.js';
import { formatCount } from '../format/format.js';
import { ErrorNotice } from './ErrorNotice.js';

export function SubscribeButton({ handle }: { handle: string }) {
  const { session } = useSession();
  const location = useLocation();
  const { data: channel } = useChannel(handle);
  const toggle = useSubscription(handle);

  if (!channel) return null;
  const count = <span className="muted">{formatCount(channel.subscriberCount, 'subscriber')}</span>;
  if (session?.channel.id === channel.id) return count;
  return (
    <span className="subscribe">
      {session ? (
        <button
          type="button"
          className={channel.subscribed ? '' : 'button-primary'}
          aria-pressed={channel.subscribed}
          disabled={toggle.isPending}
          onClick={() => toggle.mutate(!channel.subscribed)}
        >
          {channel.subscribed ? 'Subscribed' : 'Subscribe'}
        </button>
      ) : (
        <Link className="button button-primary" to={`/signin?next=${encodeURIComponent(location.pathname)}`}>
          Subscribe
        </Link>
      )}
      {count}
      {toggle.isError && <ErrorNotice error={toggle.error} />}
    </span>
  );
}
