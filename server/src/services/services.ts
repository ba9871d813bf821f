// The services of a running platform, by the names routes and jobs call them by (built in platform/).
import type { InstanceSettingsService } from './administration/instance-settings.service.js';
import type { JobAdministrationService } from './administration/job-administration.service.js';
import type { SignUpApprovalService } from './administration/sign-up-approval.service.js';
import type { AuthService } from './auth/auth.service.js';
import type { ChannelService } from './channel.service.js';
import type { ChannelBlockService } from './channel-block.service.js';
import type { ChatService } from './chat/chat.service.js';
import type { CommentService } from './comment.service.js';
import type { LiveIngestService } from './live/live-ingest.service.js';
import type { LiveRecordingService } from './live/live-recording.service.js';
import type { StreamKeyService } from './live/stream-key.service.js';
import type { CdnRevocationService } from './media/cdn-revocation.service.js';
import type { MediaService } from './media/media.service.js';
import type { AccountListService } from './moderation/account-list.service.js';
import type { AccountSuspensionService } from './moderation/account-suspension.service.js';
import type { AuditLogService } from './moderation/audit-log.service.js';
import type { ModerationService } from './moderation/moderation.service.js';
import type { ReportService } from './moderation/report.service.js';
import type { RoleService } from './moderation/roles.service.js';
import type { NotificationService } from './notification.service.js';
import type { PartReceiverService } from './part-receiver.service.js';
import type { PlaylistService } from './playlist.service.js';
import type { VideoProcessingService } from './processing/video-processing.service.js';
import type { ReactionService } from './reaction.service.js';
import type { ReadinessService } from './readiness.service.js';
import type { SearchService } from './search.service.js';
import type { SubscriptionService } from './subscription.service.js';
import type { UploadService } from './upload.service.js';
import type { UpNextService } from './videos/up-next.service.js';
import type { VideoService } from './videos/video.service.js';
import type { VideoCaptionsService } from './videos/video-captions.service.js';
import type { VideoEmbedService } from './videos/video-embed.service.js';
import type { VideoListService } from './videos/video-list.service.js';
import type { VideoPageService } from './videos/video-page.service.js';
import type { VideoProgressService } from './videos/video-progress.service.js';
import type { LivePresenceService } from './views/live-presence.service.js';
import type { ViewService } from './views/view.service.js';
import type { WatchHistoryService } from './watch-history.service.js';

export interface Services {
  /** The administrators' users list. */
  accountList: AccountListService;
  auditLog: AuditLogService;
  auth: AuthService;
  /** A video's captions, which its owner uploads and removes. */
  captions: VideoCaptionsService;
  /** Only with CDN_KEY_VALUE_STORE_ARN: copies revocations to the CDN's key value store. */
  cdnRevocations: CdnRevocationService | undefined;
  channels: ChannelService;
  /** The people each owner blocked from commenting on their channel. */
  channelBlocks: ChannelBlockService;
  comments: CommentService;
  embeds: VideoEmbedService;
  history: WatchHistoryService;
  /** The instance's name, sign-up mode and default quotas. */
  instanceSettings: InstanceSettingsService;
  /** The background jobs as administrators see them. */
  jobAdministration: JobAdministrationService;
  /** Only in a process that runs ffmpeg: live publishes, admitted and made into ladders. */
  live: LiveIngestService | undefined;
  /** Only in a process that runs ffmpeg: ended live streams published as videos. */
  liveRecordings: LiveRecordingService | undefined;
  media: MediaService;
  moderation: ModerationService;
  notifications: NotificationService;
  /** Local-disk storage only: the API's own part endpoint (with S3 the parts go to storage). */
  partReceiver: PartReceiverService | undefined;
  playlists: PlaylistService;
  /** Only in a process that transcodes (opened with ffmpeg). */
  processing: VideoProcessingService | undefined;
  progress: VideoProgressService;
  /** Live chat beside a video's player. */
  chat: ChatService;
  reactions: ReactionService;
  readiness: ReadinessService;
  reports: ReportService;
  roles: RoleService;
  search: SearchService;
  /** Accounts waiting for an administrator's approval. */
  signUpApprovals: SignUpApprovalService;
  /** The keys encoders publish a channel's live stream with. */
  streamKeys: StreamKeyService;
  subscriptions: SubscriptionService;
  suspensions: AccountSuspensionService;
  /** Up next beside a video, and the co-watch counts it starts from. */
  upNext: UpNextService;
  uploads: UploadService;
  videoLists: VideoListService;
  videoPages: VideoPageService;
  videos: VideoService;
  views: ViewService;
  /** Who is watching a live video now. */
  livePresence: LivePresenceService;
}
