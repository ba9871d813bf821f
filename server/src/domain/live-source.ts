// What a live publisher announced of its stream (RTMP metadata and codec headers): what its ladder is
// planned from.

export interface LiveSource {
  /** Only H.264 is copied into the ladder: it is what every browser plays. */
  videoCodec: 'h264' | 'other';
  width: number;
  height: number;
  frameRate: number;
  hasAudio: boolean;
}
