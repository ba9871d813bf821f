// A source as the probe describes it, for tests that plan, check or charge from those facts without a
// file: 20 s of silent 1080p30 H.264 unless told otherwise.
import type { AudioFacts, SourceFacts, VideoFacts } from '../../src/media/source-facts.js';

export const STEREO_AAC: AudioFacts = { streamIndex: 1, codec: 'aac', channels: 2, sampleRate: 48_000 };

export function probedSource(
  video: Partial<VideoFacts> = {},
  source: Partial<Omit<SourceFacts, 'video'>> = {},
): SourceFacts {
  return {
    container: 'mov',
    startSeconds: 0,
    durationSeconds: 20,
    audio: undefined,
    ...source,
    video: {
      streamIndex: 0,
      codec: 'h264',
      width: 1920,
      height: 1080,
      rotation: 0,
      pixelAspectRatio: 1,
      frameRate: 30,
      pixelFormat: 'yuv420p',
      ...video,
    },
  };
}
