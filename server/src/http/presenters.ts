// Shapes domain objects into the JSON the API answers with.

import {
  type Account,
  type AccountOverview,
  type Channel,
  type PendingAccount,
  type SubscribedChannel,
  stateOf,
} from '../domain/account.js';
import { captionLanguage } from '../domain/caption-languages.js';
import type { BlockedAccount } from '../domain/channel-block.js';
import { chaptersOf } from '../domain/chapters.js';
import type { Comment, HeldComment } from '../domain/comment.js';
import type { FailedJob } from '../domain/jobs.js';
import type { AuditEntry, ReportedItem } from '../domain/moderation.js';
import type { Notification } from '../domain/notification.js';
import type { Page } from '../domain/page.js';
import type { ListedPlaylist, Playlist, PlaylistItem } from '../domain/playlist.js';
import type { ReactionOutcome } from '../domain/reaction.js';
import type { NewStreamKey, StreamKey, StreamKeyInUse } from '../domain/stream-key.js';
import type { VideoWithChannel } from '../domain/video.js';
import { watchable } from '../domain/video.js';
import {
  CAPTIONS_FOLDER,
  captionTrackName,
  MASTER_PLAYLIST,
  POSTER_FILE,
  STORYBOARD_TRACK,
} from '../domain/video-files.js';
import type { PlaybackTokens } from '../services/media/playback-tokens.js';
import type { UploadPlan as UploadPlanData } from '../services/upload.service.js';
import type { VideoPage, ViewerState } from '../services/videos/video-page.service.js';
import type { FailedJobJson, PendingAccountJson } from './administration.schemas.js';
import type { CommentJson } from './comment.schemas.js';
import type { StreamKeyJson } from './live.schemas.js';
import type { AccountOverviewJson, AuditEntryJson, ReportedItemJson } from './moderation.schemas.js';
import type { PlaylistItemJson, PlaylistJson } from './playlist.schemas.js';
import type { ChannelJson, UserJson } from './schemas.js';
import type { VideoJson } from './video.schemas.js';

export class Presenter {
  constructor(
    private readonly mediaBaseUrl: string,
    private readonly playbackTokens: PlaybackTokens,
  ) {}

  user(account: Account): UserJson {
    return {
      id: account.id,
      email: account.email,
      role: account.role,
      state: stateOf(account),
      handle: account.channel.handle,
      displayName: account.channel.displayName,
      avatarUrl: this.avatarUrl(account.channel),
      createdAt: account.createdAt.toISOString(),
    };
  }

  /** `subscribed` only for a signed-in viewer. */
  channel(channel: Channel, subscribed?: boolean): ChannelJson {
    return {
      ...(subscribed === undefined ? {} : { subscribed }),
      id: channel.id,
      handle: channel.handle,
      displayName: channel.displayName,
      description: channel.description,
      avatarUrl: this.avatarUrl(channel),
      subscriberCount: channel.subscriberCount,
      videoCount: channel.videoCount,
      createdAt: channel.createdAt.toISOString(),
    };
  }

  /**
   * Processing progress and errors are the owner's business only. Whoever is shown a video may watch it,
   * so they get its media URLs, with a playback token in the path.
   */
  /** A video's page, with what only its viewer sees. */
  videoPage({ video, viewer }: VideoPage, viewerId: string | undefined): VideoJson {
    return this.video(video, viewerId, viewer);
  }

  /** A page of a list of videos. */
  videoList(page: Page<VideoWithChannel>, viewerId?: string) {
    return { items: page.items.map((video) => this.video(video, viewerId)), nextCursor: page.nextCursor };
  }

  commentList(page: Page<Comment>) {
    return { items: page.items.map((comment) => this.comment(comment)), nextCursor: page.nextCursor };
  }

  video(video: VideoWithChannel, viewerId: string | undefined, personal?: ViewerState): VideoJson {
    const owner = video.ownerId === viewerId;
    const playable = watchable(video);
    // Signed once for all of the video's URLs: they share the folder and its token.
    const folder = playable ? this.videoFolderUrl(video) : '';
    // The poster and storyboard are made once the ladder is done: a video playable while encoded has none.
    const mediaUrl = (file: string, available = playable) => (available ? `${folder}${file}` : null);
    const ready = video.state === 'ready';
    return {
      id: video.id,
      channel: {
        id: video.channel.id,
        handle: video.channel.handle,
        displayName: video.channel.displayName,
        avatarUrl: this.avatarUrl(video.channel),
        subscriberCount: video.channel.subscriberCount,
      },
      title: video.title,
      description: video.description,
      state: video.state,
      visibility: video.visibility,
      hidden: video.hidden,
      commentPolicy: video.commentPolicy,
      ...(owner ? { progress: video.progress, error: video.error } : {}),
      durationSeconds: video.durationSeconds,
      width: video.width,
      height: video.height,
      renditions: (video.renditions ?? []).map(({ name, width, height, frameRate }) => ({
        name,
        width,
        height,
        frameRate,
      })),
      playable,
      live: video.live && {
        state: video.live.state,
        startedAt: video.live.startedAt.toISOString(),
        endedAt: video.live.endedAt?.toISOString() ?? null,
        viewers: null,
      },
      hlsUrl: mediaUrl(MASTER_PLAYLIST),
      posterUrl: mediaUrl(POSTER_FILE, ready),
      storyboardUrl: mediaUrl(STORYBOARD_TRACK, ready),
      chapters: chaptersOf(video.description, video.durationSeconds),
      captions: playable ? this.captions(video, folder) : [],
      ...(personal
        ? { myReaction: personal.reaction ?? null, resumeAtSeconds: personal.resumeAtSeconds }
        : {}),
      viewCount: video.counts.views,
      likeCount: video.counts.likes,
      dislikeCount: video.counts.dislikes,
      commentCount: video.counts.comments,
      createdAt: video.createdAt.toISOString(),
      publishedAt: video.publishedAt?.toISOString() ?? null,
    };
  }

  reaction({ likes, dislikes, mine }: ReactionOutcome) {
    return { likeCount: likes, dislikeCount: dislikes, myReaction: mine ?? null };
  }

  /** A deleted comment kept for its replies shows neither its author nor its text. */
  comment(comment: Comment): CommentJson {
    const deleted = comment.deletedAt !== null;
    const { handle, displayName } = comment.author;
    return {
      id: comment.id,
      videoId: comment.videoId,
      parentId: comment.threadId,
      author: deleted
        ? null
        : { id: comment.authorId, handle, displayName, avatarUrl: this.avatarUrl(comment.author) },
      body: deleted ? '' : comment.body,
      replyCount: comment.replyCount,
      edited: comment.editedAt !== null,
      deleted,
      awaitingApproval: comment.held,
      createdAt: comment.createdAt.toISOString(),
    };
  }

  heldComment(held: HeldComment) {
    return { comment: this.comment(held), video: { id: held.videoId, title: held.videoTitle } };
  }

  blockedAccount({ accountId, handle, displayName, avatarKey, blockedAt }: BlockedAccount) {
    return {
      account: { id: accountId, handle, displayName, avatarUrl: this.avatarUrl({ avatarKey }) },
      blockedAt: blockedAt.toISOString(),
    };
  }

  streamKey({ id, name, createdAt }: StreamKey): StreamKeyJson {
    return { id, name, createdAt: createdAt.toISOString() };
  }

  streamKeyInUse(key: StreamKeyInUse) {
    return { ...this.streamKey(key), liveVideoId: key.liveVideoId };
  }

  newStreamKey({ streamKey, key, ingestUrl }: NewStreamKey) {
    return { ...this.streamKey(streamKey), key, ingestUrl };
  }

  notification(notification: Notification) {
    const common = {
      id: notification.id,
      read: notification.read,
      createdAt: notification.createdAt.toISOString(),
    };
    if (notification.kind === 'report_outcome')
      return { ...common, kind: notification.kind, report: notification.report };
    const { handle, displayName } = notification.actor;
    return {
      ...common,
      kind: notification.kind,
      video: notification.video,
      channel: { handle, displayName, avatarUrl: this.avatarUrl(notification.actor) },
      commentBody: notification.commentBody,
    };
  }

  reportedItem(item: ReportedItem): ReportedItemJson {
    return {
      id: item.id,
      kind: item.kind,
      itemId: item.itemId,
      reportCount: item.reportCount,
      reasons: item.reasons,
      firstReportedAt: item.firstReportedAt.toISOString(),
      content: item.content,
    };
  }

  accountOverview(account: AccountOverview): AccountOverviewJson {
    return {
      ...account,
      state: stateOf(account),
      suspendedAt: account.suspendedAt?.toISOString() ?? null,
      createdAt: account.createdAt.toISOString(),
    };
  }

  auditEntry(entry: AuditEntry): AuditEntryJson {
    return {
      id: entry.id,
      actor: entry.actorId === null ? null : { id: entry.actorId, handle: entry.actorHandle },
      action: entry.action,
      target: { kind: entry.targetKind, id: entry.targetId },
      reason: entry.reason,
      details: entry.details,
      createdAt: entry.createdAt.toISOString(),
    };
  }

  pendingAccount(account: PendingAccount): PendingAccountJson {
    return { ...account, createdAt: account.createdAt.toISOString() };
  }

  failedJob(job: FailedJob): FailedJobJson {
    return { ...job, failedAt: job.failedAt.toISOString() };
  }

  subscription({ channel, subscribedAt }: SubscribedChannel) {
    return { channel: this.channel(channel, true), subscribedAt: subscribedAt.toISOString() };
  }

  uploadPlan({ video, parts, partUrlsExpireAt }: UploadPlanData) {
    return {
      uploadId: video.id,
      videoId: video.id,
      state: video.state,
      size: video.source.size,
      partSize: video.partSize,
      parts,
      expiresAt: partUrlsExpireAt.toISOString(),
    };
  }

  playlist(playlist: Playlist | ListedPlaylist): PlaylistJson {
    const first = 'firstVideo' in playlist ? playlist.firstVideo : null;
    return {
      id: playlist.id,
      kind: playlist.kind,
      title: playlist.title,
      description: playlist.description,
      visibility: playlist.visibility,
      itemCount: playlist.itemCount,
      channel: { handle: playlist.channel.handle, displayName: playlist.channel.displayName },
      // Lists hold only ready videos as the first one: a ready video has its poster.
      thumbnailUrl: first && this.videoMediaUrl(first, POSTER_FILE),
      ...('videoItemId' in playlist ? { videoItemId: playlist.videoItemId } : {}),
      createdAt: playlist.createdAt.toISOString(),
      updatedAt: playlist.updatedAt.toISOString(),
    };
  }

  playlistList(page: Page<ListedPlaylist>) {
    return { items: page.items.map((playlist) => this.playlist(playlist)), nextCursor: page.nextCursor };
  }

  playlistItem(item: PlaylistItem, viewerId: string | undefined): PlaylistItemJson {
    return {
      id: item.id,
      addedAt: item.addedAt.toISOString(),
      video: item.video && this.video(item.video, viewerId),
    };
  }

  /** Where the video plays from, once it is playable: the URL the player asks for first. */
  masterPlaylistUrl(video: VideoWithChannel): string | null {
    return watchable(video) ? this.videoMediaUrl(video, MASTER_PLAYLIST) : null;
  }

  /** Each caption's cleaned WebVTT file; players reach the same files through the master playlist. */
  private captions(video: VideoWithChannel, folder: string) {
    return video.captionLanguages.map((language) => ({
      ...captionLanguage(language),
      url: `${folder}${CAPTIONS_FOLDER}/${captionTrackName(language)}`,
    }));
  }

  posterUrl(video: VideoWithChannel): string | null {
    return video.state === 'ready' ? this.videoMediaUrl(video, POSTER_FILE) : null;
  }

  /** When the tokens in media URLs presented now expire: a new expiry means new URLs. */
  playbackExpiry(): number {
    return this.playbackTokens.expiryOfIssuedNow();
  }

  private videoMediaUrl(video: Pick<VideoWithChannel, 'id' | 'playbackVersion'>, file: string): string {
    return `${this.videoFolderUrl(video)}${file}`;
  }

  /** Where the video's files are, with the token they carry now (the same for a whole window). */
  private videoFolderUrl(video: Pick<VideoWithChannel, 'id' | 'playbackVersion'>): string {
    const token = this.playbackTokens.issue(video.id, video.playbackVersion);
    return `${this.mediaBaseUrl}/t/${token}/videos/${video.id}/`;
  }

  private avatarUrl(channel: Pick<Channel, 'avatarKey'>): string | null {
    return channel.avatarKey ? `${this.mediaBaseUrl}/${channel.avatarKey}` : null;
  }
}
