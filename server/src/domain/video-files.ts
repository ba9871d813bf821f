// Where a video's files live in storage and what each published file is called: one prefix per video, so a
// re-run never touches a neighbour, and one list of names, so the encoder, the publisher and the media route agree.
export const rawKey = (videoId: string) => `videos/${videoId}/source`;
export const processedPrefix = (videoId: string) => `videos/${videoId}/`;
/** A chunked video's source, cut into pieces (raw area): kept until the video is ready. */
export const piecesPrefix = (videoId: string) => `videos/${videoId}/pieces/`;

export const MASTER_PLAYLIST = 'master.m3u8';
/** Name of every variant playlist, inside its rendition's folder (`360p/`, `audio/`, …). */
export const VARIANT_PLAYLIST = 'playlist.m3u8';
export const AUDIO_RENDITION = 'audio';
/** The init segment's name as the encoder is told it (with several renditions it numbers it `init_<n>.mp4`). */
export const INIT_SEGMENT = 'init.mp4';
/** Media segment names in ffmpeg's pattern syntax, numbered from 0: `segment-00000.m4s`, … */
export const SEGMENT_PATTERN = 'segment-%05d.m4s';
export const POSTER_FILE = 'poster.jpg';
/** The WebVTT thumbnail track that points into the sprite sheets. */
export const STORYBOARD_TRACK = 'storyboard.vtt';
/** Sheet file names, numbered from 1 as ffmpeg's image muxer writes them. */
export const SHEET_PATTERN = 'storyboard-%03d.jpg';
export const sheetName = (sheet: number) => `storyboard-${String(sheet).padStart(3, '0')}.jpg`;

/** A caption's cleaned WebVTT file and its one-segment media playlist, one pair per language. */
export const CAPTIONS_FOLDER = 'captions';
export const captionTrackName = (language: string) => `${language}.vtt`;
export const captionPlaylistName = (language: string) => `${language}${PLAYLIST_EXTENSION}`;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Playlists and the thumbnail track may be rewritten by a re-run of the job: keep them fresh. */
export const SHORT_LIVED = 'public, max-age=60';

export const PLAYLIST_EXTENSION = '.m3u8';

/** Every extension a published video file has, and how a file with it is served. */
export const MEDIA_FILE_TYPES: Readonly<Record<string, { contentType: string; cacheControl: string }>> = {
  [PLAYLIST_EXTENSION]: { contentType: 'application/vnd.apple.mpegurl', cacheControl: SHORT_LIVED },
  '.m4s': { contentType: 'video/iso.segment', cacheControl: IMMUTABLE },
  '.mp4': { contentType: 'video/mp4', cacheControl: IMMUTABLE },
  '.jpg': { contentType: 'image/jpeg', cacheControl: IMMUTABLE },
  '.vtt': { contentType: 'text/vtt', cacheControl: SHORT_LIVED },
};

const NAME = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}';
const EXTENSIONS = Object.keys(MEDIA_FILE_TYPES).map((extension) => extension.slice(1));
/**
 * A valid file path below a video's folder, e.g. `master.m3u8` or `720p/segment-00001.m4s`: one optional
 * folder, one file with a media extension, so no path can climb out of the folder.
 */
export const VIDEO_FILE_PATTERN = `^(?:${NAME}/)?${NAME}\\.(?:${EXTENSIONS.join('|')})$`;
