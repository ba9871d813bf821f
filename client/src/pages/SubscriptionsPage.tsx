// /subscriptions — the newest videos of the channels I follow.
import { subscriptionsFeed } from '../api/feeds.js';
import { VideoFeed } from '../components/VideoFeed.js';
import { usePageTitle } from '../layout/usePageTitle.js';

export function SubscriptionsPage() {
  usePageTitle('Subscriptions');
  return (
    <>
      <h1 className="page-heading">Subscriptions</h1>
      <VideoFeed
        list={subscriptionsFeed}
        emptyMessage="Videos from channels you subscribe to will show up here."
      />
    </>
  );
}
