// One notification: news about a video, which links to it, or how my report ended, which links nowhere
// (what it reported may be gone).
import { Link } from 'react-router';
import type { Notification } from '../api/notifications.js';
import { AppIcon } from '../components/AppIcon.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { formatAge } from '../format/format.js';

type Report = Extract<Notification, { kind: 'report_outcome' }>['report'];

const WHAT_WE_DID: Record<Report['outcome'], string> = {
  dismissed: 'we reviewed it and found no reason to act',
  video_hidden: 'we hid the video',
  video_shown: 'we reviewed it and left the video up',
  comment_removed: 'we removed the comment',
  account_suspended: 'we suspended the account',
  suspension_lifted: 'we reviewed it and lifted the suspension',
};

interface Props {
  item: Notification;
  /** Called when a notification that links somewhere is followed. */
  onOpen: () => void;
}

export function NotificationItem({ item, onOpen }: Props) {
  const when = (
    <span className="muted">
      {formatAge(item.createdAt)}
      {!item.read && ' · unread'}
    </span>
  );
  const className = item.read ? 'notification' : 'notification unread';
  if (item.kind === 'report_outcome')
    return (
      <li className={className}>
        <span className="notification-icon">
          <AppIcon name="report" />
        </span>
        <p className="notification-text">
          <span>{reportOutcomeText(item.report)}</span>
          {when}
        </p>
      </li>
    );
  return (
    <li className={className}>
      <ChannelAvatar channel={item.channel} size="small" />
      <Link to={`/watch/${item.video.id}`} onClick={onOpen} className="notification-text">
        <span>
          <strong>{item.channel.displayName}</strong>
          {videoNewsText(item)}
        </span>
        {when}
      </Link>
    </li>
  );
}

type VideoNews = Exclude<Notification, { kind: 'report_outcome' }>;

function videoNewsText(item: VideoNews): string {
  if (item.kind === 'new_video') return ` uploaded: ${item.video.title}`;
  if (item.kind === 'went_live') return ` is live: ${item.video.title}`;
  return ` replied on ${item.video.title}: “${item.commentBody}”`;
}

function reportOutcomeText({ kind, subject, outcome }: Report): string {
  const what = subject === null ? `a ${kind}` : `a ${kind} (“${subject}”)`;
  return `Your report of ${what}: ${WHAT_WE_DID[outcome]}. Thank you for telling us.`;
}
