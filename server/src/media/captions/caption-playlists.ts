// What a caption becomes in storage, planned as pure text: the cleaned WebVTT file, its one-segment HLS
// media playlist, and the master playlist rewritten to offer every caption as a SUBTITLES rendition.
import type { Cue } from './caption-file.js';

export interface CaptionTrack {
  language: string;
  label: string;
  /** The caption's media playlist, relative to the master playlist. */
  playlistUri: string;
}

export const SUBTITLES_GROUP = 'subs';
const SUBTITLES_MEDIA = '#EXT-X-MEDIA:TYPE=SUBTITLES,';
const SUBTITLES_ATTRIBUTE = `,SUBTITLES="${SUBTITLES_GROUP}"`;

/**
 * The WebVTT file: `X-TIMESTAMP-MAP` ties its time 0 to the media's first timestamp (`mediaStartSeconds`,
 * where the ladder's fMP4 timeline begins), so players put each cue where the picture is.
 */
export function writeCaptionTrack(cues: Cue[], mediaStartSeconds: number): string {
  const mpegTs = Math.round(mediaStartSeconds * 90_000);
  const blocks = cues.map(({ startSeconds, endSeconds, settings, text }) => {
    const timing = `${timestamp(startSeconds)} --> ${timestamp(endSeconds)}${settings ? ` ${settings}` : ''}`;
    return `${timing}\n${text}`;
  });
  return `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${mpegTs},LOCAL:00:00:00.000\n\n${blocks.join('\n\n')}\n`;
}

/** A VOD media playlist whose one segment is the whole WebVTT file. */
export function writeCaptionPlaylist(durationSeconds: number, trackUri: string): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(durationSeconds)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${durationSeconds.toFixed(3)},`,
    trackUri,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

/**
 * The master playlist offering exactly `tracks`: earlier SUBTITLES renditions and references are taken
 * out, the new ones written before the first variant, and every variant names the group (none if empty).
 */
export function withSubtitles(master: string, tracks: CaptionTrack[]): string {
  const lines = master
    .split('\n')
    .filter((line) => !line.startsWith(SUBTITLES_MEDIA))
    .map((line) => (line.startsWith('#EXT-X-STREAM-INF:') ? line.replace(SUBTITLES_ATTRIBUTE, '') : line));
  if (tracks.length === 0) return lines.join('\n');
  const media = tracks.map(
    ({ language, label, playlistUri }) =>
      `${SUBTITLES_MEDIA}GROUP-ID="${SUBTITLES_GROUP}",NAME="${quoted(label)}",LANGUAGE="${language}",` +
      `DEFAULT=NO,AUTOSELECT=YES,URI="${playlistUri}"`,
  );
  const firstVariant = lines.findIndex((line) => line.startsWith('#EXT-X-STREAM-INF:'));
  const at = firstVariant < 0 ? lines.length : firstVariant;
  return [...lines.slice(0, at), ...media, ...lines.slice(at)]
    .map((line) => (line.startsWith('#EXT-X-STREAM-INF:') ? `${line}${SUBTITLES_ATTRIBUTE}` : line))
    .join('\n');
}

/** `hh:mm:ss.mmm`, as WebVTT writes time. */
function timestamp(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(millis / 3_600_000))}:${pad(Math.floor(millis / 60_000) % 60)}:${pad(Math.floor(millis / 1000) % 60)}.${pad(millis % 1000, 3)}`;
}

/** A quoted-string attribute may hold neither a double quote nor a line break. */
function quoted(value: string): string {
  return value.replace(/["\r\n]/g, "'");
}
