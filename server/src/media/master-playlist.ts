// Writes the HLS master playlist from the plan: every rung with the attributes players choose by
// (BANDWIDTH, RESOLUTION, CODECS, FRAME-RATE) and one shared audio rendition.

import { AUDIO_RENDITION, VARIANT_PLAYLIST } from '../domain/video-files.js';
import { h264Level, highProfileCodec } from './h264-level.js';
import type { Rendition } from './ladder.js';
import type { TranscodePolicy } from './transcode-policy.js';

const AAC_LC = 'mp4a.40.2';

export function buildMasterPlaylist(ladder: Rendition[], hasAudio: boolean, policy: TranscodePolicy): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (hasAudio) {
    lines.push(
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Default",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",' +
        `URI="${AUDIO_RENDITION}/${VARIANT_PLAYLIST}"`,
    );
  }
  for (const rendition of [...ladder].sort((a, b) => a.maxKbps - b.maxKbps)) {
    // The peak the encoder may reach (its VBV cap) plus the audio: what BANDWIDTH promises.
    const bandwidth = (rendition.maxKbps + (hasAudio ? policy.audioKbps : 0)) * 1000;
    const video = highProfileCodec(h264Level(rendition.width, rendition.height, rendition.frameRate));
    const attributes = [
      `BANDWIDTH=${bandwidth}`,
      `RESOLUTION=${rendition.width}x${rendition.height}`,
      `CODECS="${hasAudio ? `${video},${AAC_LC}` : video}"`,
      `FRAME-RATE=${rendition.frameRate.toFixed(3)}`,
      ...(hasAudio ? ['AUDIO="audio"'] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, `${rendition.name}/${VARIANT_PLAYLIST}`);
  }
  return `${lines.join('\n')}\n`;
}
