// What a finished transcode tells the video's record: its length, display size and rungs.
import type { TranscodedDetails } from '../../domain/video.js';
import type { Rendition } from '../../media/ladder.js';
import type { SourceFacts } from '../../media/source-facts.js';

export function transcodedDetails(
  source: SourceFacts,
  display: { width: number; height: number },
  ladder: Rendition[],
): TranscodedDetails {
  return {
    durationSeconds: source.durationSeconds,
    width: display.width,
    height: display.height,
    renditions: ladder.map(({ name, width, height, frameRate, maxKbps }) => ({
      name,
      width,
      height,
      frameRate,
      maxKbps,
    })),
  };
}
