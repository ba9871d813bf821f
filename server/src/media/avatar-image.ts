// Turns an uploaded avatar into the one square WebP the platform serves. The upload is untrusted:
// only real JPEG, PNG or WebP is decoded, with a cap on pixels so a crafted header cannot exhaust memory.
import sharp from 'sharp';
import { InvalidInput } from '../domain/errors.js';

export const AVATAR_SIZE = 256;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
const MAX_INPUT_PIXELS = 40_000_000;

export async function renderAvatar(upload: Buffer): Promise<Buffer> {
  const unreadable = new InvalidInput('The avatar must be a JPEG, PNG or WebP image', 'avatar');
  const image = sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  const format = await image.metadata().then(
    (metadata) => metadata.format,
    () => undefined,
  );
  if (format === undefined || !ACCEPTED_FORMATS.has(format)) throw unreadable;
  try {
    return await image
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw unreadable;
  }
}
