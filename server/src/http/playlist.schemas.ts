// Playlists and their items as the API takes and shows them.
import { type Static, Type } from 'typebox';
import { MAX_PLAYLIST_DESCRIPTION_LENGTH, MAX_PLAYLIST_TITLE_LENGTH } from '../domain/playlist.js';
import { VideoId, Visibility } from './video.schemas.js';

const Title = Type.String({ minLength: 1, maxLength: MAX_PLAYLIST_TITLE_LENGTH, pattern: '\\S' });
const Description = Type.String({ maxLength: MAX_PLAYLIST_DESCRIPTION_LENGTH });

export const NewPlaylist = Type.Object(
  { title: Title, description: Type.Optional(Description), visibility: Visibility },
  { additionalProperties: false },
);

export const PlaylistChanges = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    visibility: Type.Optional(Visibility),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PlaylistParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const PlaylistItemParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  itemId: Type.String({ format: 'uuid' }),
});

export const NewPlaylistItem = Type.Object({ videoId: VideoId }, { additionalProperties: false });

export const ItemPlacement = Type.Object(
  {
    before: Type.Optional(Type.String({ format: 'uuid' })),
    after: Type.Optional(Type.String({ format: 'uuid' })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'Just before or just after another item of the list: one of the two',
  },
);

export const Playlist = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('playlist'), Type.Literal('watch_later')]),
    title: Type.String(),
    description: Type.String(),
    visibility: Visibility,
    itemCount: Type.Integer({ description: 'Every item, those a viewer may not watch too' }),
    channel: Type.Object({ handle: Type.String(), displayName: Type.String() }),
    thumbnailUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'The poster of its first video the viewer may watch; in lists only, else null',
    }),
    videoItemId: Type.Optional(
      Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description: 'With `videoId` asked about: the item holding that video, null when it is not there',
      }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Playlist' },
);
export type PlaylistJson = Static<typeof Playlist>;

export const PlaylistList = Type.Object({
  items: Type.Array(Type.Ref('Playlist')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const PlaylistItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    addedAt: Type.String({ format: 'date-time' }),
    video: Type.Union([Type.Ref('Video'), Type.Null()], {
      description: 'Null for a video only the owner still sees listed: private, hidden or gone',
    }),
  },
  { $id: 'PlaylistItem' },
);
export type PlaylistItemJson = Static<typeof PlaylistItem>;
