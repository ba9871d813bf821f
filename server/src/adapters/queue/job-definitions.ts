// Every background job: its payload type and how the queue treats it. One handler per name (worker/).
import type PgBoss from 'pg-boss';
import type { PlaybackRevocation } from '../../domain/video.js';

export interface JobPayloads {
  'purge-expired-sessions': Record<string, never>;
  /** Without a part: the whole video (one pass, or planning its chunks). With one: that part of it. */
  'transcode-video': { videoId: string; part?: TranscodePart };
  'expire-uploads': Record<string, never>;
  'refresh-trending': Record<string, never>;
  'fold-co-watching': Record<string, never>;
  'notify-subscribers': { videoId: string };
  /** An ended live stream, to be published as a video (services/live/live-recording.service.ts). */
  'publish-live-recording': { videoId: string };
  'delete-video-files': VideoFiles;
  'revoke-cdn-playback': PlaybackRevocation;
  'forget-cdn-revocation': PlaybackRevocation;
}

/**
 * A part of a chunked transcode: one chunk's rungs, the audio, or the poster and storyboard (`extras`,
 * queued only for plans recorded before the chunks made those; kept so their queued jobs still run).
 */
export type TranscodePart = { kind: 'chunk'; index: number } | { kind: 'audio' } | { kind: 'extras' };

/** What a deleted video leaves in storage: its source (and the upload still open on it), its ladder. */
export interface VideoFiles {
  videoId: string;
  uploadId: string | null;
}

export type JobName = keyof JobPayloads;

interface JobDefinition {
  queue: Omit<PgBoss.Queue, 'name'>;
  /** Cron expression for jobs the queue starts by itself. */
  schedule?: string;
  /** How long an idle worker waits before asking for a job again, when shorter than the queue's usual. */
  pollingSeconds?: number;
}

export const JOB_DEFINITIONS: Record<JobName, JobDefinition> = {
  'purge-expired-sessions': {
    queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 300 },
    schedule: '17 * * * *',
  },
  'expire-uploads': {
    queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
    schedule: '*/10 * * * *',
  },
  'refresh-trending': {
    queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300 },
    schedule: '*/5 * * * *',
  },
  // With trending by default, so a worker woken for one runs both; CO_WATCH_FOLD_MINUTES replaces it.
  'fold-co-watching': {
    queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300 },
    schedule: '*/5 * * * *',
  },
  'notify-subscribers': {
    queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 },
  },
  // Queued with the end of a live stream; the ended video waits for it to be listed.
  'publish-live-recording': {
    queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
    pollingSeconds: 0.5,
  },
  // Storage may be away when a video is deleted: keep trying, backing off, for about five hours.
  'delete-video-files': {
    queue: { retryLimit: 12, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 },
  },
  // The CDN refuses revoked URLs only once this has run: retried, backing off, for about five hours.
  'revoke-cdn-playback': {
    queue: { retryLimit: 12, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  },
  // Queued to start once every token the revocation withdrew has expired (cdn-revocation.service.ts).
  'forget-cdn-revocation': {
    queue: { retryLimit: 12, retryDelay: 60, retryBackoff: true, expireInSeconds: 300 },
  },
  // A job not finished within its expiry (its worker was killed) is handed to another worker. Someone
  // waits for each of these (an uploader, for the video to play): idle workers ask every half second.
  'transcode-video': {
    queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 4 * 3600 },
    pollingSeconds: 0.5,
  },
};

export const JOB_NAMES = Object.keys(JOB_DEFINITIONS) as JobName[];
