// How the player plays a live stream: the hls.js settings and the DVR window, in one place so that
// glass-to-glass measurements can tune them. The server cuts 1-s fMP4 segments into EVENT playlists
// (every segment since the start stays listed) with no partial segments (docs/live.md).
import type { HlsConfig } from 'hls.js';

/** The length of one live segment, as the server cuts them. */
const LIVE_SEGMENT_SECONDS = 1;

/** Segments the player stays behind the newest one: its target latency is this many seconds. */
const LIVE_SYNC_SEGMENTS = 3;

export const LIVE_TARGET_LATENCY_SECONDS = LIVE_SYNC_SEGMENTS * LIVE_SEGMENT_SECONDS;

export const LIVE_HLS_CONFIG: Partial<HlsConfig> = {
  // Three 1-s segments behind the edge: a segment lands about every second plus the publisher's upload
  // and the playlist's 250-ms polling, so one or two would stall on ordinary jitter; more adds delay.
  liveSyncDurationCount: LIVE_SYNC_SEGMENTS,
  // Never jump a viewer back to the edge: one who paused or seeked back into the DVR window chose to be
  // behind. The "Go live" button takes them back; the catch-up rate below closes small drifts.
  liveMaxLatencyDurationCount: Number.POSITIVE_INFINITY,
  // Within a segment or so of the target, play up to 10% faster to catch up (stalls push a viewer back):
  // hardly audible, and it never speeds up someone far behind (hls.js plays them at 1x).
  maxLiveSyncPlaybackRate: 1.1,
  // The playlists have no partial segments: the low-latency HLS extensions would only add requests.
  lowLatencyMode: false,
  // The media element's duration is the stream so far (not Infinity), so the seek bar spans the window.
  liveDurationInfinity: false,
  // What has played stays in memory for quick seeks back, but not for hours of a long stream.
  backBufferLength: 90,
};

/**
 * How far back a viewer may seek while the stream is live. The EVENT playlist holds the whole stream
 * (a stream lasts 12 hours at most); the seek bar spans its last 2 hours, and the rest is in the
 * recording once the stream ends.
 */
export const LIVE_DVR_WINDOW_SECONDS = 2 * 3600;

/** Behind the target by less than this counts as live: playback drifts by a second or two. */
export const LIVE_EDGE_TOLERANCE_SECONDS = 2;
