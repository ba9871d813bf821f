// /notifications — new videos of channels I follow and replies to my comments, newest first.
import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../api/notifications.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatAge } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';

export function NotificationsPage() {
  usePageTitle('Notifications');
  const notifications = useNotifications();
  const markRead = useMarkRead();

  if (notifications.isPending) return <p className="status">Loading…</p>;
  if (notifications.isError) return <ErrorNotice error={notifications.error} />;
  const items = notifications.data.pages.flatMap((page) => page.items);
  const unread = notifications.data.pages[0]?.unreadCount ?? 0;

  return (
    <section className="narrow-page notifications">
      <h1 className="page-heading">Notifications</h1>
      {unread > 0 && (
        <button type="button" onClick={() => markRead.mutate(undefined)} disabled={markRead.isPending}>
          Mark all as read
        </button>
      )}
      {items.length === 0 ? (
        <p className="status">
          Nothing yet. New videos from your subscriptions and replies to you show up here.
        </p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.read ? 'notification' : 'notification unread'}>
              <ChannelAvatar channel={item.channel} size="small" />
              <Link
                to={`/watch/${item.video.id}`}
                onClick={() => !item.read && markRead.mutate([item.id])}
                className="notification-text"
              >
                {item.kind === 'new_video' ? (
                  <>
                    <strong>{item.channel.displayName}</strong> uploaded: {item.video.title}
                  </>
                ) : (
                  <>
                    <strong>{item.channel.displayName}</strong> replied on {item.video.title}: “
                    {item.commentBody}”
                  </>
                )}
                <span className="muted">
                  {formatAge(item.createdAt)}
                  {!item.read && ' · unread'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {notifications.hasNextPage && (
        <button type="button" onClick={() => notifications.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}
