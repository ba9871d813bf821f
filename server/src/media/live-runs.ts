// A live video is recorded in runs: one per publish of its encoder (a dropped encoder that publishes again
// within the reconnect grace starts the next run). Each run's ffmpeg writes its own playlist per rendition,
// its own init segment and segments numbered on from the last run's; the published playlist joins the runs
// with `EXT-X-DISCONTINUITY` and the next run's `EXT-X-MAP`. Pure.
import { PLAYLIST_EXTENSION } from '../domain/video-files.js';

const ENDLIST = '#EXT-X-ENDLIST';
const MAP = '#EXT-X-MAP:';

/** The playlist a run's ffmpeg writes in each rendition's scratch folder. */
export const runPlaylistName = (run: number) => `run-${run}${PLAYLIST_EXTENSION}`;
/** The init segment a run's ffmpeg is told to write, `%v` standing for each rendition's name. */
export const runInitName = (run: number) => `init-${run}-%v.mp4`;

/** The runs' playlists (first run first) as one: each later run after a discontinuity, with its own init. */
export function joinRuns(runs: string[]): string {
  const started = runs.filter((run) => mediaLines(run).length > 0);
  const [first, ...later] = started;
  if (first === undefined) return '';
  const target = Math.max(...started.map(targetDuration));
  let joined = withoutEnd(first).replace(/#EXT-X-TARGETDURATION:\d+/, `#EXT-X-TARGETDURATION:${target}`);
  for (const run of later) joined += `#EXT-X-DISCONTINUITY\n${withoutEnd(run.slice(run.indexOf(MAP)))}`;
  // The recording is over only when its last run is.
  return started.at(-1)?.includes(ENDLIST) ? `${joined}${ENDLIST}\n` : joined;
}

/** The next segment number no run has used yet, in any rendition. */
export function nextSegmentNumber(playlists: string[]): number {
  const numbers = playlists.flatMap((playlist) =>
    mediaLines(playlist).map((line) => Number(/(\d+)\.m4s$/.exec(line)?.[1] ?? -1)),
  );
  return Math.max(-1, ...numbers) + 1;
}

/** One run as a published playlist names it: its init segment, its segments and their length. */
export interface RecordedRun {
  init: string;
  segments: string[];
  durationSeconds: number;
}

/** The runs of a published (joined) variant playlist, first to last. */
export function recordedRuns(playlist: string): RecordedRun[] {
  const runs: RecordedRun[] = [];
  for (const line of playlist.split('\n').map((text) => text.trim())) {
    const init = line.startsWith(MAP) ? /URI="([^"]+)"/.exec(line)?.[1] : undefined;
    const run = runs.at(-1);
    if (init) runs.push({ init, segments: [], durationSeconds: 0 });
    else if (line.startsWith('#EXTINF:') && run) run.durationSeconds += Number.parseFloat(line.slice(8));
    else if (line !== '' && !line.startsWith('#') && run) run.segments.push(line);
  }
  return runs.filter((run) => run.segments.length > 0);
}

/** A recorded playlist as a VOD's: of type VOD, and ended (a stream whose process was lost never said so). */
export function finalPlaylist(playlist: string): string {
  const typed = playlist.replace('#EXT-X-PLAYLIST-TYPE:EVENT', '#EXT-X-PLAYLIST-TYPE:VOD');
  return typed.includes(ENDLIST) ? typed : `${typed.trimEnd()}\n${ENDLIST}\n`;
}

/** The variant playlists a master playlist names, as paths relative to it. */
export function variantPlaylists(master: string): string[] {
  const named = master
    .split('\n')
    .map((line) => (line.startsWith('#') ? /URI="([^"]+)"/.exec(line)?.[1] : line.trim()))
    .filter((uri): uri is string => uri?.endsWith(PLAYLIST_EXTENSION) === true);
  return [...new Set(named)];
}

function mediaLines(playlist: string): string[] {
  return playlist.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

function targetDuration(playlist: string): number {
  return Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(playlist)?.[1] ?? 1);
}

function withoutEnd(playlist: string): string {
  return playlist.replace(`${ENDLIST}\n`, '').replace(ENDLIST, '');
}
