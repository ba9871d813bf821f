// Reads what an HLS player reads of an fMP4 segment: each fragment's decode time (tfdt), in seconds of
// the track's timescale (from the init segment's mdhd). Enough to check a timeline without a demuxer's
// own corrections (ffmpeg shifts pictures by their largest negative composition offset).
import { readFile } from 'node:fs/promises';

function* boxes(
  bytes: Buffer,
  start: number,
  end: number,
): Generator<{ type: string; at: number; size: number }> {
  for (let at = start; at + 8 <= end; ) {
    const size = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (size < 8) return;
    yield { type, at, size };
    at += size;
  }
}

function find(bytes: Buffer, path: string[], start = 0, end = bytes.length): { at: number; size: number }[] {
  const [type, ...rest] = path;
  return [...boxes(bytes, start, end)]
    .filter((box) => box.type === type)
    .flatMap((box) => (rest.length === 0 ? [box] : find(bytes, rest, box.at + 8, box.at + box.size)));
}

/** The track's timescale, from an init segment. */
export async function timescaleOf(initSegment: string): Promise<number> {
  const bytes = await readFile(initSegment);
  const [mdhd] = find(bytes, ['moov', 'trak', 'mdia', 'mdhd']);
  if (!mdhd) throw new Error(`${initSegment} has no mdhd`);
  const version = bytes[mdhd.at + 8];
  return bytes.readUInt32BE(mdhd.at + (version === 1 ? 28 : 20));
}

/** The decode time of a media segment's first fragment, in seconds. */
export async function segmentStart(segment: string, timescale: number): Promise<number> {
  const bytes = await readFile(segment);
  const [tfdt] = find(bytes, ['moof', 'traf', 'tfdt']);
  if (!tfdt) throw new Error(`${segment} has no tfdt`);
  const version = bytes[tfdt.at + 8];
  const time = version === 1 ? Number(bytes.readBigUInt64BE(tfdt.at + 12)) : bytes.readUInt32BE(tfdt.at + 12);
  return time / timescale;
}

/** The sample description (stsd: codec, its configuration, picture size) of an init segment's track. */
export async function sampleDescription(initSegment: string): Promise<Buffer> {
  const bytes = await readFile(initSegment);
  const [stsd] = find(bytes, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd']);
  if (!stsd) throw new Error(`${initSegment} has no stsd`);
  return bytes.subarray(stsd.at, stsd.at + stsd.size);
}
