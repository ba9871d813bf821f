// Subscribe to a channel or stop; visitors are sent to sign in first, and nobody follows themselves.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { channelKey, useChannel } from '../api/channels.js';
import { api, type Channel, unwrap } from '../api/client.js';
import { formatCount } from '../format/format.js';
import { useSession } from '../session/session.js';
import { ErrorNotice } from './ErrorNotice.js';

export function SubscribeButton({ handle }: { handle: string }) {
  const { session } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data: channel } = useChannel(handle);
  const params = { params: { path: { handle } } };
  const toggle = useMutation({
    mutationFn: () =>
      channel?.subscribed
        ? unwrap(api.DELETE('/api/v1/channels/{handle}/subscription', params))
        : unwrap(api.PUT('/api/v1/channels/{handle}/subscription', params)),
    onSuccess: (state) => {
      queryClient.setQueryData<Channel>(channelKey(handle), (old) => old && { ...old, ...state });
      void queryClient.invalidateQueries({ queryKey: ['feed', 'subscriptions'] });
    },
  });

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
          onClick={() => toggle.mutate()}
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
