// Reads the variant playlists ffmpeg writes, and writes the one a chunked video is served with: the
// segments of every chunk finished so far, in order, after one init segment. Pure.
import { PLAYLIST_EXTENSION } from '../domain/video-files.js';

export interface PlaylistSegment {
  uri: string;
  durationSeconds: number;
}

export interface VariantPlaylist {
  /** The init segment (EXT-X-MAP), when the playlist has one. */
  initUri: string | undefined;
  segments: PlaylistSegment[];
}

export function readVariantPlaylist(text: string): VariantPlaylist {
  const initUri = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1];
  const segments: PlaylistSegment[] = [];
  let duration: number | undefined;
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    const extinf = /^#EXTINF:([0-9.]+),/.exec(line);
    if (extinf) duration = Number(extinf[1]);
    else if (line !== '' && !line.startsWith('#')) {
      if (duration === undefined || line.endsWith(PLAYLIST_EXTENSION))
        throw new Error(`not a media playlist: ${line} has no duration`);
      segments.push({ uri: line, durationSeconds: duration });
      duration = undefined;
    }
  }
  return { initUri, segments };
}

export interface StitchedPlaylist {
  initUri: string;
  segments: PlaylistSegment[];
  /** The longest a segment may be (the policy's segment length): fixed for an EVENT playlist's life. */
  targetSeconds: number;
  /** Complete: VOD, with an end. Otherwise EVENT: players wait for more. */
  complete: boolean;
}

export function writeVariantPlaylist(playlist: StitchedPlaylist): string {
  const longest = Math.max(playlist.targetSeconds, ...playlist.segments.map((s) => s.durationSeconds));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.round(longest)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-PLAYLIST-TYPE:${playlist.complete ? 'VOD' : 'EVENT'}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${playlist.initUri}"`,
    ...playlist.segments.flatMap((segment) => [
      `#EXTINF:${segment.durationSeconds.toFixed(6)},`,
      segment.uri,
    ]),
    ...(playlist.complete ? ['#EXT-X-ENDLIST'] : []),
  ];
  return `${lines.join('\n')}\n`;
}
