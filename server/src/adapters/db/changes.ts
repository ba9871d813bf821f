// What a repository tells after each committed write, so the caches that show the row forget it.

/** Told after each committed write to a video. */
export type VideoChanged = (videoId: string) => Promise<void>;

/** Told after each committed write to a channel. */
export type ChannelChanged = (channelId: string) => Promise<void>;
