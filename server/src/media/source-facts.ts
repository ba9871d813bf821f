// What ffprobe says about an upload, reduced to the facts planning needs, and refused when unusable.
import {
  ACCEPTED_FORMATS,
  noPicture,
  soundWithoutPicture,
  spokenDuration,
  spokenFrameRate,
} from './plain-words.js';

export interface SourceLimits {
  maxDurationSeconds: number;
  /** Per picture, for every video stream (cover art included: it is decoded too). */
  maxPixels: number;
  maxStreams: number;
  /** Budget of pixels to decode: width × height × frame rate × duration, in gigapixels. */
  maxGigapixels: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxDurationSeconds: 12 * 3600,
  maxPixels: 8192 * 8192,
  maxStreams: 16,
  // About 13 hours of 1080p30, 3 hours of 2160p30, 1 h 40 min of 2160p60.
  maxGigapixels: 3_000,
};

/** Containers an upload may be in (ffprobe's demuxer names); playlists and image sequences never. */
export const ALLOWED_CONTAINERS = [
  'mov',
  'mp4',
  'm4a',
  '3gp',
  '3g2',
  'mj2',
  'matroska',
  'webm',
  'avi',
  'mpegts',
  'flv',
  'ogg',
];

export interface VideoFacts {
  /** ffprobe's index of the stream: the one every ffmpeg command maps, so it reads what was checked. */
  streamIndex: number;
  codec: string;
  /** Coded size, before rotation and pixel aspect ratio. */
  width: number;
  height: number;
  /** Clockwise rotation to apply for display: 0, 90, 180 or 270. */
  rotation: 0 | 90 | 180 | 270;
  /** Width of a pixel relative to its height (1 for square pixels). */
  pixelAspectRatio: number;
  frameRate: number;
  pixelFormat: string;
}

export interface AudioFacts {
  streamIndex: number;
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface SourceFacts {
  /** The allowed demuxer name ffprobe recognised; the transcode is forced to it. */
  container: string;
  /** When the file's first frame or sample is presented: its timestamps start here, not always at 0. */
  startSeconds: number;
  durationSeconds: number;
  video: VideoFacts;
  audio: AudioFacts | undefined;
}

/**
 * An upload that cannot become a video, with a message for the person who uploaded it. Permanent: another
 * attempt would meet the same file, so it is never retried. `detail` is for the log only.
 */
export class UnusableSource extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'UnusableSource';
  }
}

interface ProbeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  channels?: number;
  sample_rate?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number; default?: number };
}

interface ProbeOutput {
  format?: { format_name?: string; duration?: string; start_time?: string };
  streams?: ProbeStream[];
}

export function readSourceFacts(probe: ProbeOutput, limits: SourceLimits = DEFAULT_LIMITS): SourceFacts {
  const container = probe.format?.format_name?.split(',').find((name) => ALLOWED_CONTAINERS.includes(name));
  if (!container)
    throw new UnusableSource(`This file is not a video in a format we accept; upload ${ACCEPTED_FORMATS}`);
  const streams = probe.streams ?? [];
  if (streams.length > limits.maxStreams) {
    throw new UnusableSource(
      `This file holds ${streams.length} tracks (pictures, sound, subtitles); a video may have at most ${limits.maxStreams}`,
    );
  }
  const videoStream = chooseVideoStream(streams);
  refuseOversizedPictures(streams, videoStream, limits);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (!videoStream?.width || !videoStream.height || videoStream.index === undefined)
    throw new UnusableSource(audioStream ? soundWithoutPicture() : noPicture());
  const durationSeconds = Number(probe.format?.duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new UnusableSource(
      'The length of this video cannot be read; the file may be damaged or incomplete, so upload the whole file again',
    );
  }
  if (durationSeconds > limits.maxDurationSeconds) {
    throw new UnusableSource(
      `This video is ${spokenDuration(durationSeconds)} long; we accept videos of up to ${spokenDuration(limits.maxDurationSeconds)}`,
    );
  }
  const video: VideoFacts = {
    streamIndex: videoStream.index,
    codec: videoStream.codec_name ?? 'unknown',
    width: videoStream.width,
    height: videoStream.height,
    rotation: rotationOf(videoStream),
    pixelAspectRatio: ratio(videoStream.sample_aspect_ratio, ':') ?? 1,
    frameRate: ratio(videoStream.avg_frame_rate, '/') ?? ratio(videoStream.r_frame_rate, '/') ?? 30,
    pixelFormat: videoStream.pix_fmt ?? 'unknown',
  };
  refuseOverBudget(video, durationSeconds, limits);
  const startSeconds = Number(probe.format?.start_time ?? 0);
  return {
    container,
    startSeconds: Number.isFinite(startSeconds) ? startSeconds : 0,
    durationSeconds,
    video,
    audio: audioStream && {
      streamIndex: audioStream.index ?? 0,
      codec: audioStream.codec_name ?? 'unknown',
      channels: audioStream.channels ?? 2,
      sampleRate: Number(audioStream.sample_rate ?? 48_000),
    },
  };
}

/**
 * The video: not cover art (a one-frame picture stored as a video stream), and the default one when a file
 * holds several, as a player would choose.
 */
function chooseVideoStream(streams: ProbeStream[]): ProbeStream | undefined {
  const moving = streams.filter((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  return moving.find((s) => s.disposition?.default === 1) ?? moving[0];
}

/** Every picture is decoded by someone (ffprobe reads cover art too): each one counts, not only the video. */
function refuseOversizedPictures(
  streams: ProbeStream[],
  video: ProbeStream | undefined,
  limits: SourceLimits,
): void {
  for (const stream of streams) {
    if (stream.codec_type !== 'video' || !stream.width || !stream.height) continue;
    if (stream.width * stream.height > limits.maxPixels) {
      const what = stream === video ? 'The picture' : 'A picture in this file (such as cover art)';
      throw new UnusableSource(
        `${what} is ${stream.width}×${stream.height} pixels; we accept at most ${Math.round(limits.maxPixels / 1e6)} megapixels (such as 8192×8192)`,
      );
    }
  }
}

/** What decoding a source costs: size × frame rate × length, in gigapixels (an hour of 1080p30 is 224). */
export function sourceGigapixels(source: Pick<SourceFacts, 'video' | 'durationSeconds'>): number {
  const { width, height, frameRate } = source.video;
  return (width * height * frameRate * source.durationSeconds) / 1e9;
}

/** Decoding cost grows with size, frame rate and length together: a budget on their product. */
function refuseOverBudget(video: VideoFacts, durationSeconds: number, limits: SourceLimits): void {
  const pixelsPerSecond = video.width * video.height * video.frameRate;
  const budget = limits.maxGigapixels * 1e9;
  if (sourceGigapixels({ video, durationSeconds }) <= limits.maxGigapixels) return;
  throw new UnusableSource(
    `This video is too heavy to process: ${video.width}×${video.height} at ${spokenFrameRate(video.frameRate)} for ${spokenDuration(durationSeconds)}. ` +
      `At this size and frame rate we accept up to ${spokenDuration(budget / pixelsPerSecond)}; upload a shorter, smaller or lower-frame-rate version`,
  );
}

/** "16:9" or "30000/1001" → number; undefined for missing, zero or malformed ("0/0", "N/A"). */
function ratio(text: string | undefined, separator: string): number | undefined {
  const [numerator, denominator] = (text ?? '').split(separator).map(Number);
  if (!numerator || !denominator || !Number.isFinite(numerator / denominator)) return undefined;
  return numerator / denominator;
}

/** Phones store rotation as display-matrix side data (counter-clockwise degrees) or an old `rotate` tag. */
function rotationOf(stream: ProbeStream): VideoFacts['rotation'] {
  const sideData = stream.side_data_list?.find((data) => typeof data.rotation === 'number')?.rotation;
  const degrees = sideData !== undefined ? -sideData : Number(stream.tags?.rotate ?? 0);
  const normalised = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  return normalised as VideoFacts['rotation'];
}
