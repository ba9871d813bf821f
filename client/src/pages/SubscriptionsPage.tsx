// /subscriptions — the newest videos of the channels I follow.
import { subscriptionVideos } from '../api/feeds.js';
import { VideoFeed } from '../components/VideoFeed.js';
import { usePageTitle } from '../layout/usePageTitle.js';

export function SubscriptionsPage() {
  usePageTitle('Subscriptions');
  return (
    <>
      <h1 className="page-heading">Subscriptions</h1>
      <VideoFeed
        queryKey={['feed', 'subscriptions']}
        fetchPage={subscriptionVideos}
        emptyMessage="Videos from channels you subscribe to will show up here."
      />
    </>
  );
}
