// Moving files between storage and a job's scratch directory.
import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { ByteRange, StorageArea } from '../../domain/stored-object.js';
import type { PublishedFile } from '../../media/published-files.js';

const UPLOAD_CONCURRENCY = 4;

/** Large objects come down in ranges of this size, a few at a time: one stream from S3 is ~100 MB/s. */
const DOWNLOAD_RANGE_BYTES = 32 * 1024 * 1024;
const DOWNLOAD_CONCURRENCY = 4;

/**
 * Copies an object to a local file; false when there is no such object. A large one comes down in
 * ranges at once, each written at its place in the file: the job waits for the whole source before it
 * can probe it (an MP4's index may be at its end), and a viewer waits for the job.
 */
export async function download(
  storage: ObjectStorage,
  area: StorageArea,
  key: string,
  file: string,
  rangeBytes = DOWNLOAD_RANGE_BYTES,
): Promise<boolean> {
  const info = await storage.headObject(area, key);
  if (!info) return false;
  const ranges: (ByteRange | undefined)[] = [];
  for (let start = 0; start < info.size; start += rangeBytes)
    ranges.push({ start, end: Math.min(info.size, start + rangeBytes) - 1 });
  // The file exists before any range lands in it, and a small or empty object is one plain read.
  await writeFile(file, '');
  if (ranges.length <= 1) ranges.splice(0, ranges.length, undefined);
  const fetchNext = async (): Promise<void> => {
    while (ranges.length > 0) {
      const range = ranges.shift();
      const part = await storage.getObject(area, key, range);
      if (!part) throw new Error(`${area}/${key} went away while it was downloaded`);
      await pipeline(part.body, createWriteStream(file, { flags: 'r+', start: range?.start ?? 0 }));
    }
  };
  await Promise.all(Array.from({ length: DOWNLOAD_CONCURRENCY }, fetchNext));
  return true;
}

/** Uploads files of an output directory to the processed area under `prefix`, a few at a time. */
export function publish(
  storage: ObjectStorage,
  outputDir: string,
  prefix: string,
  files: PublishedFile[],
): Promise<void> {
  return store(storage, 'processed', outputDir, prefix, files);
}

/** Uploads files of an output directory to an area under `prefix`, a few at a time. */
export async function store(
  storage: ObjectStorage,
  area: StorageArea,
  outputDir: string,
  prefix: string,
  files: PublishedFile[],
): Promise<void> {
  const queue = [...files];
  const publishNext = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      await storage.putObject(
        area,
        `${prefix}${file.relativePath}`,
        createReadStream(path.join(outputDir, file.relativePath)),
        { contentType: file.contentType, cacheControl: file.cacheControl },
      );
    }
  };
  await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, publishNext));
}
