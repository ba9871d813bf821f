// Runs the typed migrations. The list is static so the compiled app needs no directory scan.
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as accountsAndChannels from './migrations/0001-accounts-and-channels.js';
import * as videos from './migrations/0002-videos.js';
import * as videoCounts from './migrations/0003-video-counts.js';
import * as reactions from './migrations/0004-reactions.js';
import * as subscriptions from './migrations/0005-subscriptions.js';
import * as videoListing from './migrations/0006-video-listing.js';
import * as comments from './migrations/0007-comments.js';
import * as viewsAndHistory from './migrations/0008-views-and-history.js';
import * as search from './migrations/0009-search.js';
import * as notifications from './migrations/0010-notifications.js';
import * as playableWhileProcessing from './migrations/0011-playable-while-processing.js';
import * as searchTiersAndWords from './migrations/0012-search-tiers-and-words.js';
import * as studioOrder from './migrations/0013-studio-order.js';
import * as videosVacuum from './migrations/0014-videos-vacuum.js';
import * as securityCounters from './migrations/0015-security-counters.js';
import * as jobLeases from './migrations/0016-job-leases.js';
import * as playbackVersion from './migrations/0017-playback-version.js';
import * as chunkedTranscodes from './migrations/0018-chunked-transcodes.js';
import * as bufferedViews from './migrations/0019-buffered-views.js';
import * as uploadLedger from './migrations/0020-upload-ledger.js';
import * as audioLead from './migrations/0023-audio-lead.js';
import * as computeLedger from './migrations/0024-compute-ledger.js';
import * as coWatch from './migrations/0025-co-watch.js';
import * as rolesReportsAndAuditLog from './migrations/0026-roles-reports-and-audit-log.js';
import * as accountSuspension from './migrations/0027-account-suspension.js';
import * as instanceSettingsAndApproval from './migrations/0028-instance-settings-and-approval.js';
import * as creatorCommentControls from './migrations/0029-creator-comment-controls.js';
import * as videoCaptions from './migrations/0030-video-captions.js';
import * as reportOutcomeNotifications from './migrations/0031-report-outcome-notifications.js';
import * as playlists from './migrations/0032-playlists.js';
import * as transcodeWorkers from './migrations/0033-transcode-workers.js';
import * as streamKeys from './migrations/0034-stream-keys.js';
import * as liveVideos from './migrations/0035-live-videos.js';
import * as liveChat from './migrations/0036-live-chat.js';
import * as liveSeen from './migrations/0037-live-seen.js';
import * as liveNotifications from './migrations/0038-live-notifications.js';
import type { Database } from './schema.js';

const migrations: Record<string, Migration> = {
  '0001-accounts-and-channels': accountsAndChannels,
  '0002-videos': videos,
  '0003-video-counts': videoCounts,
  '0004-reactions': reactions,
  '0005-subscriptions': subscriptions,
  '0006-video-listing': videoListing,
  '0007-comments': comments,
  '0008-views-and-history': viewsAndHistory,
  '0009-search': search,
  '0010-notifications': notifications,
  '0011-playable-while-processing': playableWhileProcessing,
  '0012-search-tiers-and-words': searchTiersAndWords,
  '0013-studio-order': studioOrder,
  '0014-videos-vacuum': videosVacuum,
  '0015-security-counters': securityCounters,
  '0016-job-leases': jobLeases,
  '0017-playback-version': playbackVersion,
  '0018-chunked-transcodes': chunkedTranscodes,
  '0019-buffered-views': bufferedViews,
  '0020-upload-ledger': uploadLedger,
  '0023-audio-lead': audioLead,
  '0024-compute-ledger': computeLedger,
  '0025-co-watch': coWatch,
  '0026-roles-reports-and-audit-log': rolesReportsAndAuditLog,
  '0027-account-suspension': accountSuspension,
  '0028-instance-settings-and-approval': instanceSettingsAndApproval,
  '0029-creator-comment-controls': creatorCommentControls,
  '0030-video-captions': videoCaptions,
  '0031-report-outcome-notifications': reportOutcomeNotifications,
  '0032-playlists': playlists,
  '0033-transcode-workers': transcodeWorkers,
  '0034-stream-keys': streamKeys,
  '0035-live-videos': liveVideos,
  '0036-live-chat': liveChat,
  '0037-live-seen': liveSeen,
  '0038-live-notifications': liveNotifications,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
