// Moving files between storage and a job's scratch directory.
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { StorageArea } from '../../domain/stored-object.js';
import type { PublishedFile } from '../../media/published-files.js';

const UPLOAD_CONCURRENCY = 4;

/** Copies an object to a local file; false when there is no such object. */
export async function download(
  storage: ObjectStorage,
  area: StorageArea,
  key: string,
  file: string,
): Promise<boolean> {
  const object = await storage.getObject(area, key);
  if (!object) return false;
  await pipeline(object.body, createWriteStream(file));
  return true;
}

/** Uploads files of an output directory to the processed area under `prefix`, a few at a time. */
export async function publish(
  storage: ObjectStorage,
  outputDir: string,
  prefix: string,
  files: PublishedFile[],
): Promise<void> {
  const queue = [...files];
  const publishNext = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      await storage.putObject(
        'processed',
        `${prefix}${file.relativePath}`,
        createReadStream(path.join(outputDir, file.relativePath)),
        { contentType: file.contentType, cacheControl: file.cacheControl },
      );
    }
  };
  await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, publishNext));
}
