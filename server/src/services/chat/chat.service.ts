// Live chat beside a video: anyone who may watch the video reads it and follows it; while the video is
// live, a signed-in viewer writes in it, a few messages at a time (a per-account limit, counted across API processes); the author
// or the video's owner deletes a message. The chat stays with the video to read afterwards.
import type { SecurityCounters } from '../../adapters/counters/security-counters.js';
import type { ChatRepository } from '../../adapters/db/chat.repository.js';
import type { ChatMessage } from '../../domain/chat.js';
import { Conflict, Forbidden, NotFound, TooManyRequests } from '../../domain/errors.js';
import { type Page, readPage } from '../../domain/page.js';
import type { VideoWithChannel } from '../../domain/video.js';
import { OpenStreams } from '../videos/open-streams.js';
import type { VideoService } from '../videos/video.service.js';
import type { ChatFeed } from './chat-feed.js';
import { type ChatStreamLimits, type ChatUpdate, chatUpdates } from './chat-stream.js';

export interface ChatLimits extends ChatStreamLimits {
  /** Messages one account may write per window. */
  messagesPerWindow: number;
  windowMs: number;
  /** Chat streams one account (or, signed out, one address) may hold open per API process. */
  streamsPerAccount: number;
  streamsPerAddress: number;
}

export class ChatService {
  private readonly streams: OpenStreams;

  constructor(
    private readonly chat: ChatRepository,
    private readonly videos: VideoService,
    private readonly feed: ChatFeed,
    private readonly counters: SecurityCounters,
    private readonly limits: ChatLimits,
  ) {
    this.streams = new OpenStreams(
      { perAccount: limits.streamsPerAccount, perAddress: limits.streamsPerAddress },
      'chat',
    );
  }

  async post(videoId: string, authorId: string, text: string): Promise<ChatMessage> {
    const video = await this.videos.getForViewer(videoId, authorId);
    if (!chatOpen(video)) throw new Conflict('chat_closed', 'Chat is open while the video is live');
    const { count, resetInMs } = await this.counters.increment(`chat:${authorId}`, this.limits.windowMs);
    if (count > this.limits.messagesPerWindow) {
      const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
      throw new TooManyRequests(
        `At most ${this.limits.messagesPerWindow} chat messages per ${this.limits.windowMs / 1000} s; try again in ${seconds} s`,
        seconds,
        'chat_rate_limit',
      );
    }
    const message = await this.chat.create(videoId, authorId, text.trim());
    this.feed.poke(videoId);
    return message;
  }

  async history(
    videoId: string,
    viewerId: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<ChatMessage>> {
    await this.videos.getForViewer(videoId, viewerId);
    return readPage(
      cursor,
      limit,
      (count, after) => this.chat.newest(videoId, count, after),
      (message) => ({ at: message.createdAt, id: message.id }),
      'counted',
    );
  }

  async delete(videoId: string, messageId: string, actorId: string): Promise<void> {
    const message = await this.chat.find(messageId);
    if (!message || message.deleted || message.videoId !== videoId) throw messageNotFound();
    const video = await this.videos.getForViewer(message.videoId, actorId).catch(() => {
      throw messageNotFound();
    });
    if (message.author.id !== actorId && video.ownerId !== actorId)
      throw new Forbidden('not_chat_author', "Only its author or the video's owner can delete a message");
    if (!(await this.chat.delete(messageId, message.videoId))) throw messageNotFound();
    this.feed.poke(message.videoId);
  }

  /**
   * Follows the chat of a video the viewer may watch, from the revision after `after` (a client coming
   * back) or from now, until `gone` or the stream's lifetime ends.
   */
  async follow(
    videoId: string,
    viewerId: string | undefined,
    address: string,
    after: string | undefined,
    gone: AbortSignal,
  ): Promise<AsyncIterable<ChatUpdate>> {
    await this.videos.getForViewer(videoId, viewerId);
    const release = this.streams.open(viewerId ?? `address:${address}`, address);
    gone.addEventListener('abort', release, { once: true });
    try {
      return chatUpdates(await this.feed.follow(videoId, after, gone), this.limits);
    } catch (error) {
      release();
      throw error;
    }
  }
}

/** Written in while the video is live; read, and followed, before and after. */
function chatOpen(video: VideoWithChannel): boolean {
  return video.live?.state === 'live';
}

const messageNotFound = () => new NotFound('chat_message_not_found', 'No such chat message');
