// Compares stills by their gray pixels: how far apart two pictures of the same size look, on average.
import sharp from 'sharp';

/** The gray levels of an image (a file or its bytes), or of one area of it. */
export function grayPixels(
  image: Buffer | string,
  area?: { left: number; top: number; width: number; height: number },
): Promise<Buffer> {
  const decoded = sharp(image);
  return (area ? decoded.extract(area) : decoded).greyscale().raw().toBuffer();
}

/** Mean absolute difference of gray levels (0–255) between two images of the same size. */
export function meanGrayDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`images of ${a.length} and ${b.length} pixels`);
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += Math.abs((a[index] as number) - (b[index] as number));
  return sum / a.length;
}
