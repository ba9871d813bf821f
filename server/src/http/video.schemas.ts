// The video as the API shows it, and the upload plan.
import { type Static, Type } from 'typebox';
import { LiveFacts } from './live.schemas.js';

export const VideoState = Type.Union([
  Type.Literal('awaiting_upload'),
  Type.Literal('queued'),
  Type.Literal('processing'),
  Type.Literal('ready'),
  Type.Literal('failed'),
  Type.Literal('deleted'),
]);
export const Visibility = Type.Union([
  Type.Literal('public'),
  Type.Literal('unlisted'),
  Type.Literal('private'),
]);
export const CommentPolicy = Type.Union(
  [Type.Literal('open'), Type.Literal('closed'), Type.Literal('held')],
  {
    description:
      'open: anyone may comment; closed: no new comments and the comments are hidden (none deleted); ' +
      "held: new comments wait for the owner's approval, seen meanwhile by their author and the owner",
  },
);

/** How a video id is written (11 URL-safe characters), for schemas and for URLs read by hand. */
export const VIDEO_ID_PATTERN = '^[A-Za-z0-9_-]{11}$';
export const VideoId = Type.String({ pattern: VIDEO_ID_PATTERN });
export const VideoParams = Type.Object({ id: VideoId });
/** A time within a video, or watched of it, as the player reports it. */
export const WatchedSeconds = Type.Number({ minimum: 0, maximum: 7 * 24 * 3600 });

export const Video = Type.Object(
  {
    id: Type.String({ description: 'Short, URL-safe and unguessable' }),
    channel: Type.Object({
      id: Type.String({ format: 'uuid' }),
      handle: Type.String(),
      displayName: Type.String(),
      avatarUrl: Type.Union([Type.String(), Type.Null()]),
      subscriberCount: Type.Integer(),
    }),
    title: Type.String(),
    description: Type.String(),
    state: VideoState,
    visibility: Visibility,
    hidden: Type.Boolean({ description: 'Hidden by a moderator: only its owner and moderators see it' }),
    commentPolicy: CommentPolicy,
    /** Only for the owner: how far processing has got (0–100) and why it failed. */
    progress: Type.Optional(Type.Number()),
    error: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    durationSeconds: Type.Union([Type.Number(), Type.Null()]),
    width: Type.Union([Type.Integer(), Type.Null()]),
    height: Type.Union([Type.Integer(), Type.Null()]),
    renditions: Type.Array(
      Type.Object({
        name: Type.String(),
        width: Type.Integer(),
        height: Type.Integer(),
        frameRate: Type.Number(),
      }),
    ),
    playable: Type.Boolean({ description: 'Whether hlsUrl can be played now' }),
    live: Type.Union([LiveFacts, Type.Null()], {
      description: 'Only for a video made by a live publish: live while it is sent, then ended',
    }),
    hlsUrl: Type.Union([Type.String(), Type.Null()], {
      description:
        'The master playlist; for private and unlisted videos it carries an expiring playback token',
    }),
    posterUrl: Type.Union([Type.String(), Type.Null()]),
    storyboardUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'WebVTT track of seek-preview thumbnails (`#xywh=` sprite regions)',
    }),
    chapters: Type.Array(Type.Object({ startSeconds: Type.Number(), title: Type.String() }), {
      description:
        'From the description: lines beginning with a timestamp, the first at 0:00, at least three, ' +
        'each at least 10 s long; otherwise none',
    }),
    captions: Type.Array(
      Type.Object({
        language: Type.String({ description: 'BCP 47 tag, canonical: en, pt-BR' }),
        label: Type.String({ description: 'The language named in itself: English, Français' }),
        url: Type.String({ description: 'The cleaned WebVTT file, with a playback token' }),
      }),
      { description: 'Captions, also offered in the master playlist as SUBTITLES renditions' },
    ),
    myReaction: Type.Optional(
      Type.Union([Type.Literal('like'), Type.Literal('dislike'), Type.Null()], {
        description: 'Only when signed in: how the viewer rated the video',
      }),
    ),
    resumeAtSeconds: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description:
          'Only when signed in: where the viewer stopped last time; null to start at the beginning',
      }),
    ),
    viewCount: Type.Integer(),
    likeCount: Type.Integer(),
    dislikeCount: Type.Integer(),
    commentCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Video' },
);
export type VideoJson = Static<typeof Video>;

/** A page of a list of videos. */
export const VideoPage = Type.Object({
  items: Type.Array(Type.Ref('Video')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ReactionValue = Type.Union([Type.Literal('like'), Type.Literal('dislike')]);

export const ReactionSummary = Type.Object(
  {
    likeCount: Type.Integer(),
    dislikeCount: Type.Integer(),
    myReaction: Type.Union([ReactionValue, Type.Null()]),
  },
  { $id: 'ReactionSummary' },
);

export const UploadPlan = Type.Object(
  {
    uploadId: Type.String({ description: 'Identifies the upload; the same as the video id' }),
    videoId: Type.String(),
    state: VideoState,
    size: Type.Integer(),
    partSize: Type.Integer({ description: 'Every part but the last has exactly this many bytes' }),
    parts: Type.Array(
      Type.Object({
        partNumber: Type.Integer(),
        url: Type.String({ description: 'PUT the part here: absolute, or a path on this API' }),
      }),
    ),
    expiresAt: Type.String({ format: 'date-time', description: 'When these part URLs stop working' }),
  },
  { $id: 'UploadPlan' },
);
