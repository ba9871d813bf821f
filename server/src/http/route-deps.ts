// What route plugins receive: the services they call and the shared request helpers.
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { ObjectStorage } from '../adapters/storage/object-storage.js';
import type { AuthService } from '../services/auth.service.js';
import type { ChannelService } from '../services/channel.service.js';
import type { CommentService } from '../services/comment.service.js';
import type { MediaService } from '../services/media.service.js';
import type { NotificationService } from '../services/notification.service.js';
import type { PartReceiverService } from '../services/part-receiver.service.js';
import type { ReactionService } from '../services/reaction.service.js';
import type { ReadinessService } from '../services/readiness.service.js';
import type { SearchService } from '../services/search.service.js';
import type { SubscriptionService } from '../services/subscription.service.js';
import type { UploadService } from '../services/upload.service.js';
import type { VideoService } from '../services/video.service.js';
import type { VideoListService } from '../services/video-list.service.js';
import type { ViewService } from '../services/view.service.js';
import type { WatchHistoryService } from '../services/watch-history.service.js';
import type { Presenter } from './presenters.js';

export interface RouteDeps {
  auth: AuthService;
  channels: ChannelService;
  readiness: ReadinessService;
  media: MediaService;
  /** Where media files are streamed from. */
  storage: ObjectStorage;
  uploads: UploadService;
  videos: VideoService;
  reactions: ReactionService;
  comments: CommentService;
  notifications: NotificationService;
  views: ViewService;
  history: WatchHistoryService;
  videoLists: VideoListService;
  search: SearchService;
  subscriptions: SubscriptionService;
  partReceiver: PartReceiverService | undefined;
  present: Presenter;
  requireAccount: preHandlerAsyncHookHandler;
  identifyAccount: preHandlerAsyncHookHandler;
  loginLimitPerIpPerMinute: number;
}
