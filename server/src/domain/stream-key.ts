// A stream key: the secret an encoder (OBS, ffmpeg) publishes a channel's live stream with. Its owner sees
// the key once, when it is made; the platform keeps only its hash. Revoking it refuses every later publish.

export interface StreamKey {
  id: string;
  ownerId: string;
  channelId: string;
  name: string;
  createdAt: Date;
}

/** A key as its owner's list shows it: with the video live on it, if one is. */
export interface StreamKeyInUse extends StreamKey {
  liveVideoId: string | null;
}

/** A key just made: the only time the secret itself is known. */
export interface NewStreamKey {
  streamKey: StreamKey;
  key: string;
  /** Where an encoder publishes with it: `rtmp://host:port/live/{key}`. */
  ingestUrl: string;
}

/** Keys a channel may hold at once: enough for a studio's encoders, few enough to audit. */
export const MAX_STREAM_KEYS_PER_CHANNEL = 10;
export const STREAM_KEY_NAME_MAX_LENGTH = 60;
