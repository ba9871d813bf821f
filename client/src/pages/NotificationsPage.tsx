// /notifications — new videos of channels I follow, replies to my comments and how my reports ended,
// newest first.
import { useMarkRead, useNotifications } from '../api/notifications.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { NotificationItem } from '../notifications/NotificationItem.js';

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
          Nothing yet. New videos from your subscriptions, replies to you and what became of your reports show
          up here.
        </p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <NotificationItem
              key={item.id}
              item={item}
              onOpen={() => !item.read && markRead.mutate([item.id])}
            />
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
