// What ffprobe says about an upload, reduced to the facts planning needs, and refused when unusable.

export interface SourceLimits {
  maxDurationSeconds: number;
  maxPixels: number;
  maxStreams: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxDurationSeconds: 12 * 3600,
  maxPixels: 8192 * 8192,
  maxStreams: 16,
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
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface SourceFacts {
  /** The allowed demuxer name ffprobe recognised; the transcode is forced to it. */
  container: string;
  durationSeconds: number;
  video: VideoFacts;
  audio: AudioFacts | undefined;
}

/** An upload that cannot become a video, with a message for the person who uploaded it. */
export class UnusableSource extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableSource';
  }
}

interface ProbeStream {
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
  disposition?: { attached_pic?: number };
}

interface ProbeOutput {
  format?: { format_name?: string; duration?: string };
  streams?: ProbeStream[];
}

export function readSourceFacts(probe: ProbeOutput, limits: SourceLimits = DEFAULT_LIMITS): SourceFacts {
  const container = probe.format?.format_name?.split(',').find((name) => ALLOWED_CONTAINERS.includes(name));
  if (!container)
    throw new UnusableSource('This file is not a video in a format we accept (MP4, MOV, MKV, WebM…)');
  const streams = probe.streams ?? [];
  if (streams.length > limits.maxStreams) {
    throw new UnusableSource(
      `This file has ${streams.length} streams; at most ${limits.maxStreams} are accepted`,
    );
  }
  // Cover art is stored as a one-frame video stream: it is not the video.
  const videoStream = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!videoStream?.width || !videoStream.height)
    throw new UnusableSource('This file has no video picture in it');
  if (videoStream.width * videoStream.height > limits.maxPixels) {
    throw new UnusableSource(
      `The picture is ${videoStream.width}×${videoStream.height}, larger than we accept`,
    );
  }
  const durationSeconds = Number(probe.format?.duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new UnusableSource(
      'The length of this video cannot be read; the file may be damaged or incomplete',
    );
  }
  if (durationSeconds > limits.maxDurationSeconds) {
    throw new UnusableSource(
      `This video is longer than the ${limits.maxDurationSeconds / 3600} hours we accept`,
    );
  }
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  return {
    container,
    durationSeconds,
    video: {
      codec: videoStream.codec_name ?? 'unknown',
      width: videoStream.width,
      height: videoStream.height,
      rotation: rotationOf(videoStream),
      pixelAspectRatio: ratio(videoStream.sample_aspect_ratio, ':') ?? 1,
      frameRate: ratio(videoStream.avg_frame_rate, '/') ?? ratio(videoStream.r_frame_rate, '/') ?? 30,
      pixelFormat: videoStream.pix_fmt ?? 'unknown',
    },
    audio: audioStream && {
      codec: audioStream.codec_name ?? 'unknown',
      channels: audioStream.channels ?? 2,
      sampleRate: Number(audioStream.sample_rate ?? 48_000),
    },
  };
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
