// The header's bell: a link to my notifications, with the unread count on it.
import { Link } from 'react-router';
import { useUnreadCount } from '../api/notifications.js';
import { AppIcon } from '../components/AppIcon.js';

export function NotificationsLink() {
  const unread = useUnreadCount(true).data?.unreadCount ?? 0;
  const label = unread > 0 ? `Notifications (${unread} unread)` : 'Notifications';
  return (
    <Link to="/notifications" className="button notifications-link" aria-label={label}>
      <AppIcon name="notifications" />
      {unread > 0 && (
        <span className="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
