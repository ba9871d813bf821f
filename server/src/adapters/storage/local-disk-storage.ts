// Object storage in a local directory: `<root>/<area>/objects/<key>` holds the bytes and
// `<root>/<area>/meta/<key>` their metadata (JSON), in two mirrored trees so no key collides with metadata.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import {
  access,
  constants,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';
import { assertSafeKey, type ObjectStorage, type PutOptions } from './object-storage.js';

interface StoredMetadata {
  contentType: string;
  cacheControl?: string;
  etag: string;
}

export class LocalDiskStorage implements ObjectStorage {
  constructor(private readonly options: { rootDir: string }) {}

  async putObject(
    area: StorageArea,
    key: string,
    body: Buffer | Readable,
    options: PutOptions,
  ): Promise<void> {
    const file = this.objectPath(area, key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name and renamed: readers never see half an object.
    const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
    const hash = createHash('md5');
    try {
      await pipeline(
        Buffer.isBuffer(body) ? Readable.from([body]) : body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(partial),
      );
      const metadata: StoredMetadata = { ...options, etag: `"${hash.digest('hex')}"` };
      const metaFile = this.metadataPath(area, key);
      await mkdir(path.dirname(metaFile), { recursive: true });
      await writeFile(metaFile, JSON.stringify(metadata));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async getObject(area: StorageArea, key: string, range?: ByteRange) {
    const info = await this.headObject(area, key);
    // Opened before answering, so a file deleted since the head is missing, not a broken stream.
    const file = info && (await open(this.objectPath(area, key)).catch(() => undefined));
    if (!info || !file) return undefined;
    return { info, body: file.createReadStream(range) };
  }

  async headObject(area: StorageArea, key: string): Promise<ObjectInfo | undefined> {
    const file = this.objectPath(area, key);
    const stats = await stat(file).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    const metadata = await readFile(this.metadataPath(area, key), 'utf8').then(
      (text) => JSON.parse(text) as StoredMetadata,
      () => undefined,
    );
    return {
      size: stats.size,
      contentType: metadata?.contentType ?? 'application/octet-stream',
      etag: metadata?.etag ?? `"${stats.size.toString(16)}-${stats.mtimeMs.toString(16)}"`,
      lastModified: stats.mtime,
      ...(metadata?.cacheControl ? { cacheControl: metadata.cacheControl } : {}),
    };
  }

  async deleteObject(area: StorageArea, key: string): Promise<void> {
    await rm(this.objectPath(area, key), { force: true });
    await rm(this.metadataPath(area, key), { force: true });
  }

  async deletePrefix(area: StorageArea, prefix: string): Promise<number> {
    // Only whole folders (`videos/abc/`) can be removed here, so `videos/ab` never touches `videos/abc`.
    if (!prefix.endsWith('/')) throw new Error(`storage prefix must end with "/": ${JSON.stringify(prefix)}`);
    const folder = prefix.slice(0, -1);
    const objects = this.objectPath(area, folder);
    const count = await countFiles(objects);
    await rm(objects, { recursive: true, force: true });
    await rm(path.join(this.areaDir(area), 'meta', ...folder.split('/')), { recursive: true, force: true });
    return count;
  }

  async ping(): Promise<void> {
    await mkdir(this.options.rootDir, { recursive: true });
    await access(this.options.rootDir, constants.W_OK);
  }

  private areaDir(area: StorageArea): string {
    return path.join(this.options.rootDir, area);
  }

  private objectPath(area: StorageArea, key: string): string {
    assertSafeKey(key);
    return path.join(this.areaDir(area), 'objects', ...key.split('/'));
  }

  private metadataPath(area: StorageArea, key: string): string {
    assertSafeKey(key);
    return path.join(this.areaDir(area), 'meta', ...key.split('/'));
  }
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}
