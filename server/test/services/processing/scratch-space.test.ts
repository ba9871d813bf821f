// Which failures count as the scratch disk being full: the writes Node makes and the ones ffmpeg reports.
import { describe, expect, it } from 'vitest';
import { FfmpegFailed } from '../../../src/media/ffmpeg-runner.js';
import { ranOutOfScratchSpace } from '../../../src/services/processing/scratch-space.js';

const failedWrite = (code: string) => Object.assign(new Error(`${code}: write`), { code });

describe('ranOutOfScratchSpace', () => {
  it.each([
    ['a full disk', failedWrite('ENOSPC')],
    ['a spent quota', failedWrite('EDQUOT')],
    ['a file-size limit', failedWrite('EFBIG')],
    ['ffmpeg on a full disk', new FfmpegFailed(1, 'av_interleaved_write_frame(): No space left on device')],
    ['ffmpeg past a file-size limit', new FfmpegFailed(1, 'Error writing trailer: File too large')],
  ])('counts %s', (_, error) => {
    expect(ranOutOfScratchSpace(error)).toBe(true);
  });

  it.each([
    ['a missing file', failedWrite('ENOENT')],
    ['ffmpeg failing otherwise', new FfmpegFailed(1, 'Invalid data found when processing input')],
    ['a plain error', new Error('storage unreachable')],
    ['nothing', undefined],
  ])('does not count %s', (_, error) => {
    expect(ranOutOfScratchSpace(error)).toBe(false);
  });
});
