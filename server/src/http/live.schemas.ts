// Schemas of live streaming: stream keys (the key itself only in the answer that made it).
import { type Static, Type } from 'typebox';
import { STREAM_KEY_NAME_MAX_LENGTH } from '../domain/stream-key.js';

export const StreamKeyName = Type.String({
  minLength: 1,
  maxLength: STREAM_KEY_NAME_MAX_LENGTH,
  pattern: '\\S',
  description: 'What the owner calls the key (the encoder or studio it is for)',
});

export const NewStreamKeyRequest = Type.Object({ name: StreamKeyName }, { additionalProperties: false });

export const StreamKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type StreamKeyJson = Static<typeof StreamKey>;

export const NewStreamKey = Type.Object({
  ...StreamKey.properties,
  key: Type.String({ description: 'The secret itself: shown this once, never again' }),
  ingestUrl: Type.String({ description: 'Where an encoder publishes with it: rtmp://host:port/live/{key}' }),
});

export const StreamKeyInUse = Type.Object({
  ...StreamKey.properties,
  liveVideoId: Type.Union([Type.String(), Type.Null()], {
    description: 'The video live on this key right now, if one is',
  }),
});

export const StreamKeyList = Type.Object({ items: Type.Array(StreamKeyInUse) });

export const LiveFacts = Type.Object({
  state: Type.Union([Type.Literal('live'), Type.Literal('ended')]),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  viewers: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'People watching now (heard from in the last 30 s, read at most every 5 s), on the video page while live; null in lists and once ended',
  }),
});
