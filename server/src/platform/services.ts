// Builds every service from the opened adapters: each gets exactly the repositories and adapters it uses.
// The one place that wires services; routes, jobs and tests receive them from here.
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ReadThrough } from '../adapters/cache/read-through.js';
import { CdnRevocationStore } from '../adapters/cdn/cdn-revocation-store.js';
import type { SecurityCounters } from '../adapters/counters/security-counters.js';
import { AccountRepository } from '../adapters/db/account.repository.js';
import { AccountListRepository } from '../adapters/db/account-list.repository.js';
import { AccountSuspensionRepository } from '../adapters/db/account-suspension.repository.js';
import { AuditLogRepository } from '../adapters/db/audit-log.repository.js';
import { ChannelRepository } from '../adapters/db/channel.repository.js';
import { ChannelBlockRepository } from '../adapters/db/channel-block.repository.js';
import { ChatRepository } from '../adapters/db/chat.repository.js';
import { ChunkedTranscodeRepository } from '../adapters/db/chunked-transcode.repository.js';
import { CoWatchRepository } from '../adapters/db/co-watch.repository.js';
import { CommentRepository } from '../adapters/db/comment.repository.js';
import { InstanceSettingsRepository } from '../adapters/db/instance-settings.repository.js';
import { LiveVideoRepository } from '../adapters/db/live-video.repository.js';
import { NotificationRepository } from '../adapters/db/notification.repository.js';
import { PendingAccountRepository } from '../adapters/db/pending-account.repository.js';
import { PlaybackRevocations } from '../adapters/db/playback-revocations.js';
import { PlaylistRepository } from '../adapters/db/playlist.repository.js';
import { ReactionRepository } from '../adapters/db/reaction.repository.js';
import { ReportRepository } from '../adapters/db/report.repository.js';
import type { Database } from '../adapters/db/schema.js';
import { SearchRepository } from '../adapters/db/search.repository.js';
import { SessionRepository } from '../adapters/db/session.repository.js';
import { StreamKeyRepository } from '../adapters/db/stream-key.repository.js';
import { SubscriptionRepository } from '../adapters/db/subscription.repository.js';
import { UploadQuotaRepository } from '../adapters/db/upload-quota.repository.js';
import { VideoRepository } from '../adapters/db/video.repository.js';
import { VideoCaptionsRepository } from '../adapters/db/video-captions.repository.js';
import { VideoListRepository } from '../adapters/db/video-list.repository.js';
import { VideoStateRepository } from '../adapters/db/video-state.repository.js';
import { ViewRepository } from '../adapters/db/view.repository.js';
import { WatchHistoryRepository } from '../adapters/db/watch-history.repository.js';
import { JobBoard } from '../adapters/queue/job-board.js';
import type { JobQueue } from '../adapters/queue/job-queue.js';
import { TranscodeFleet } from '../adapters/queue/transcode-fleet.js';
import type { ViewBuffer } from '../adapters/views/view-buffer.js';
import type { Config } from '../config.js';
import type { FfmpegBinaries } from '../media/ffmpeg-binaries.js';
import { DEFAULT_LIVE_LADDER } from '../media/live-ladder.js';
import { DEFAULT_LIMITS } from '../media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../media/storyboard.js';
import { DEFAULT_POLICY } from '../media/transcode-policy.js';
import type { Metrics } from '../metrics.js';
import { InstanceSettingsService } from '../services/administration/instance-settings.service.js';
import { JobAdministrationService } from '../services/administration/job-administration.service.js';
import { SignUpApprovalService } from '../services/administration/sign-up-approval.service.js';
import { AuthService } from '../services/auth/auth.service.js';
import { LoginThrottle } from '../services/auth/login-throttle.js';
import { ChannelService } from '../services/channel.service.js';
import { ChannelBlockService } from '../services/channel-block.service.js';
import { ChatService } from '../services/chat/chat.service.js';
import { ChatFeed } from '../services/chat/chat-feed.js';
import { CommentService } from '../services/comment.service.js';
import { LiveIngestService } from '../services/live/live-ingest.service.js';
import { LiveRecordingService } from '../services/live/live-recording.service.js';
import { StreamKeyService } from '../services/live/stream-key.service.js';
import { CdnRevocationService } from '../services/media/cdn-revocation.service.js';
import { MediaService } from '../services/media/media.service.js';
import { PlaybackTokens } from '../services/media/playback-tokens.js';
import { AccountListService } from '../services/moderation/account-list.service.js';
import { AccountSuspensionService } from '../services/moderation/account-suspension.service.js';
import { AuditLogService } from '../services/moderation/audit-log.service.js';
import { ModerationService } from '../services/moderation/moderation.service.js';
import { ReportService } from '../services/moderation/report.service.js';
import { RoleService } from '../services/moderation/roles.service.js';
import { NotificationService } from '../services/notification.service.js';
import { PartReceiverService } from '../services/part-receiver.service.js';
import { PlaylistService } from '../services/playlist.service.js';
import { ChunkStitcher } from '../services/processing/chunk-stitcher.js';
import { ChunkedProcessing } from '../services/processing/chunked-processing.js';
import { VideoProcessingService } from '../services/processing/video-processing.service.js';
import { ReactionService } from '../services/reaction.service.js';
import { ReadinessService } from '../services/readiness.service.js';
import { SearchService } from '../services/search.service.js';
import type { Services } from '../services/services.js';
import { SubscriptionService } from '../services/subscription.service.js';
import { UploadService } from '../services/upload.service.js';
import { UploadQuota } from '../services/upload-quota.js';
import { UpNextService } from '../services/videos/up-next.service.js';
import { VideoService } from '../services/videos/video.service.js';
import { VideoCaptionsService } from '../services/videos/video-captions.service.js';
import { VideoCatalog, videoCacheKey } from '../services/videos/video-catalog.js';
import { VideoEmbedService } from '../services/videos/video-embed.service.js';
import { VideoListService } from '../services/videos/video-list.service.js';
import { VideoPageService } from '../services/videos/video-page.service.js';
import { VideoProgressService } from '../services/videos/video-progress.service.js';
import { LivePresenceService } from '../services/views/live-presence.service.js';
import { ViewService } from '../services/views/view.service.js';
import { ViewerIds } from '../services/views/viewer-ids.js';
import { WatchTickets } from '../services/views/watch-tickets.js';
import { WatchHistoryService } from '../services/watch-history.service.js';
import type { Caches, Storage } from './adapters.js';

export interface ServiceInputs {
  config: Config;
  logger: Logger;
  db: Kysely<Database>;
  ping: { database(): Promise<void> };
  caches: Caches;
  counters: SecurityCounters;
  viewBuffer: ViewBuffer;
  storage: Storage;
  queue: JobQueue;
  metrics: Metrics;
  secret: string;
  /** Given to processes that transcode: without it there is no processing service. */
  ffmpeg?: FfmpegBinaries;
  /** Replaces the client of the CDN's key value store (tests point one at a local stand-in). */
  cdnKeyValueStoreClient?: CloudFrontKeyValueStoreClient;
  /** The time views are judged by (tests move it rather than wait). */
  clock?: () => Date;
}

/** A transcode may take this long per second of source, never less than the minimum (the cap is config). */
const TRANSCODE_TIMEOUT = { perSourceSecond: 10, minimumMs: 10 * 60_000 };
/** How often a ladder being encoded is published as far as it goes. */
const GROWING_INTERVAL_MS = 250;
/** A watch page left open longer than this (paused, say) asks for a new ticket before its view counts. */
const WATCH_TICKET_LIFETIME_SECONDS = 3600;
/** Each process keeps the instance settings this long: another API process sees a change within it. */
export const INSTANCE_SETTINGS_TTL_MS = 5_000;

export type Repositories = ReturnType<typeof buildServices>['repositories'];

export function buildServices({
  config,
  logger,
  db,
  ping,
  caches,
  counters,
  viewBuffer,
  storage,
  queue,
  metrics,
  secret,
  ffmpeg,
  cdnKeyValueStoreClient,
  clock,
}: ServiceInputs) {
  const { cache, pageCache } = caches;
  const readThrough = new ReadThrough(pageCache, {
    ttlSeconds: config.videoCacheTtlSeconds,
    absentTtlSeconds: 10,
    leaseMs: 1_000,
    pollMs: 10,
    decodedEntries: 10_000,
    onLookup: (outcome) => metrics.cacheLookups.inc({ outcome }),
  });
  const playbackTokens = new PlaybackTokens({
    secret,
    ttlSeconds: config.playbackTokenTtlSeconds,
    windowSeconds: Math.min(3600, config.playbackTokenTtlSeconds),
  });
  const cdnRevocations =
    config.cdnKeyValueStoreArn === undefined
      ? undefined
      : new CdnRevocationService({
          store: new CdnRevocationStore(config.cdnKeyValueStoreArn, cdnKeyValueStoreClient),
          forgetLater: (revocation, seconds) => queue.sendLater('forget-cdn-revocation', revocation, seconds),
          tokenLifeSeconds: playbackTokens.longestLifeSeconds,
        });
  // The CDN's copy is queued in the revoking transaction: both happen, or neither.
  const revocations = new PlaybackRevocations(async (revocation, transaction) => {
    if (cdnRevocations) await queue.send('revoke-cdn-playback', revocation, transaction);
  });
  const forgetVideo = (id: string) => readThrough.delete(videoCacheKey(id));
  const videos = new VideoRepository(db, forgetVideo, revocations);
  const videoStates = new VideoStateRepository(db, forgetVideo, revocations);
  const catalog = new VideoCatalog(videos, readThrough, (...keys) => readThrough.delete(...keys));
  const channels = new ChannelRepository(db, (id) => catalog.forgetChannel(id));
  const chunks = new ChunkedTranscodeRepository(db);
  const fleet = new TranscodeFleet(db);
  const transcodeTimeout = {
    ...TRANSCODE_TIMEOUT,
    maximumMs: config.sourceBudget.transcodeMaxSeconds * 1000,
  };
  const announce = (videoId: string, transaction: Kysely<Database>) =>
    queue.send('notify-subscribers', { videoId }, transaction);
  const videoService = new VideoService({
    videos,
    states: videoStates,
    catalog,
    ...storage,
    // A deleted video's waiting transcode parts are cancelled with it; its files go in a job of their own.
    enqueueFileRemoval: async (files, transaction) => {
      await queue.cancelWaiting('transcode-video', files.videoId, transaction);
      await queue.send('delete-video-files', files, transaction);
    },
  });
  const notifications = new NotificationService(new NotificationRepository(db));
  const subscriptions = new SubscriptionRepository(db);
  const reactions = new ReactionService(new ReactionRepository(db, forgetVideo), videoService);
  const history = new WatchHistoryService(new WatchHistoryRepository(db), videoService);
  const videoLists = new VideoListRepository(db);
  const searchIndex = new SearchRepository(db);
  const auditLog = new AuditLogRepository(db);
  const instanceSettings = new InstanceSettingsService({
    settings: new InstanceSettingsRepository(db, config.uploadQuotas),
    auditLog,
    ttlMs: INSTANCE_SETTINGS_TTL_MS,
  });
  const quota = new UploadQuota(
    new UploadQuotaRepository(db),
    async () => (await instanceSettings.current()).uploadQuotas,
  );
  const uploads = new UploadService({
    videos,
    states: videoStates,
    catalog,
    ...storage,
    enqueueTranscode: (video, transaction) =>
      queue.send('transcode-video', { videoId: video.id }, transaction, video.ownerId),
    maxUploadBytes: config.maxUploadBytes,
    quota,
  });
  const accounts = new AccountRepository(db);
  const reports = new ReportRepository(db);
  const comments = new CommentRepository(db, forgetVideo);
  const channelBlocks = new ChannelBlockRepository(db, forgetVideo);
  const chat = new ChatRepository(db);
  const commentService = new CommentService(comments, videoService, notifications, channelBlocks);
  const streamKeys = new StreamKeyRepository(db);
  const liveVideos = new LiveVideoRepository(db, forgetVideo, (videoId, transaction) =>
    queue.send('publish-live-recording', { videoId }, transaction),
  );
  const channelService = new ChannelService({ channels, subscriptions, storage: storage.storage, logger });
  const watchTickets = new WatchTickets(secret, WATCH_TICKET_LIFETIME_SECONDS);
  const livePresence = new LivePresenceService({
    videos: videoService,
    cache,
    tickets: watchTickets,
    now: clock,
  });
  const services: Services = {
    cdnRevocations,
    auth: new AuthService({
      accounts,
      sessions: new SessionRepository(db),
      sessionTtlDays: config.sessionTtlDays,
      throttle: new LoginThrottle(counters, {
        freeFailures: config.loginLimits.failuresPerAccount,
        accountFailures: config.loginLimits.failuresPerAccountAllAddresses,
        windowSeconds: config.loginLimits.accountWindowSeconds,
      }),
      signUps: async () => (await instanceSettings.current()).signUps,
    }),
    videos: videoService,
    captions: new VideoCaptionsService({
      captions: new VideoCaptionsRepository(db, forgetVideo),
      storage: storage.storage,
      videos: videoService,
    }),
    reactions,
    videoPages: new VideoPageService(videoService, reactions, history, livePresence),
    embeds: new VideoEmbedService(catalog),
    progress: new VideoProgressService(videoService, config.progressStreams),
    chat: new ChatService(
      chat,
      videoService,
      new ChatFeed(chat, config.chat.lookEveryMs),
      counters,
      config.chat,
    ),
    comments: commentService,
    notifications,
    livePresence,
    views: new ViewService({
      videos: videoService,
      views: new ViewRepository(db, forgetVideo),
      buffer: viewBuffer,
      counters,
      viewerIds: new ViewerIds(secret),
      tickets: watchTickets,
      anonymousPerAddressPerHour: config.viewLimits.anonymousPerAddressPerHour,
      now: clock,
    }),
    history,
    subscriptions: new SubscriptionService(subscriptions, channels),
    streamKeys: new StreamKeyService({
      keys: streamKeys,
      liveVideos,
      ingestBaseUrl: config.live.ingestBaseUrl,
    }),
    live:
      ffmpeg &&
      new LiveIngestService({
        keys: streamKeys,
        videos: liveVideos,
        storage: storage.storage,
        ffmpeg: ffmpeg.ffmpeg,
        scratchDir: config.scratchDir,
        ladder: { ...DEFAULT_LIVE_LADDER, topShortSide: config.live.topRungShortSide },
        publishIntervalMs: GROWING_INTERVAL_MS,
        reconnectMs: config.live.reconnectSeconds * 1000,
        logger,
        now: clock,
      }),
    liveRecordings:
      ffmpeg &&
      new LiveRecordingService({
        videos,
        states: videoStates,
        storage: storage.storage,
        ffmpeg: ffmpeg.ffmpeg,
        storyboard: DEFAULT_STORYBOARD,
        scratchDir: config.scratchDir,
        announce,
        logger,
      }),
    playlists: new PlaylistService({ playlists: new PlaylistRepository(db), channels, videos: videoService }),
    videoLists: new VideoListService(videoLists, channels),
    search: new SearchService(searchIndex),
    upNext: new UpNextService({
      videos: videoService,
      coWatch: new CoWatchRepository(db),
      lists: videoLists,
      search: searchIndex,
      readThrough,
    }),
    channels: channelService,
    channelBlocks: new ChannelBlockService(channelBlocks),
    reports: new ReportService({
      reports,
      videos: videoService,
      comments: commentService,
      channels: channelService,
    }),
    moderation: new ModerationService({ reports, auditLog, videos, comments }),
    roles: new RoleService({ accounts, auditLog }),
    suspensions: new AccountSuspensionService({
      accounts,
      suspensions: new AccountSuspensionRepository(
        db,
        forgetVideo,
        (id) => catalog.forgetChannel(id),
        revocations,
      ),
      reports,
      auditLog,
    }),
    accountList: new AccountListService(new AccountListRepository(db)),
    auditLog: new AuditLogService(auditLog),
    instanceSettings,
    signUpApprovals: new SignUpApprovalService({ pending: new PendingAccountRepository(db), auditLog }),
    jobAdministration: new JobAdministrationService({
      board: new JobBoard(db),
      auditLog,
      videos: videoStates,
      videoChanged: forgetVideo,
    }),
    media: new MediaService(playbackTokens, storage.storage, storage.playlists, catalog),
    uploads,
    partReceiver: storage.localUploads && new PartReceiverService(storage.localUploads, secret),
    readiness: new ReadinessService(
      {
        database: { ping: ping.database, essential: true },
        storage: { ping: () => storage.storage.ping(), essential: true },
        queue: { ping: () => queue.ping(), essential: true },
        cache: { ping: () => cache.ping(), essential: false },
      },
      logger,
    ),
    processing:
      ffmpeg &&
      new VideoProcessingService({
        chunked: new ChunkedProcessing({
          chunks,
          stitcher: new ChunkStitcher({
            chunks,
            videos: videoStates,
            storage: storage.storage,
            announce,
            logger,
          }),
          storage: storage.storage,
          ffmpeg: ffmpeg.ffmpeg,
          planInputs: { policy: DEFAULT_POLICY, storyboard: DEFAULT_STORYBOARD, deadline: transcodeTimeout },
          chunkPolicy: config.chunking,
          idleWorkers: () => fleet.idleSlots(),
          growingIntervalMs: GROWING_INTERVAL_MS,
          enqueue: (videoId, part, ownerId, transaction) =>
            queue.send('transcode-video', { videoId, part }, transaction, ownerId),
          logger,
        }),
        videos: videoStates,
        storage: storage.storage,
        compute: quota,
        media: {
          ffmpeg: ffmpeg.ffmpeg,
          ffprobe: ffmpeg.ffprobe,
          policy: DEFAULT_POLICY,
          storyboard: DEFAULT_STORYBOARD,
          limits: { ...DEFAULT_LIMITS, maxGigapixels: config.sourceBudget.maxGigapixels },
          timeout: transcodeTimeout,
        },
        scratchDir: config.scratchDir,
        growingIntervalMs: GROWING_INTERVAL_MS,
        logger,
        announce,
        onFinished: (outcome, seconds) => metrics.transcodeDuration.observe({ outcome }, seconds),
      }),
  };
  return { services, repositories: { videos, videoStates, liveVideos, channels, fleet }, playbackTokens };
}
