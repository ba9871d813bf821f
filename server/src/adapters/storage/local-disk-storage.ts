// Object storage in a local directory: `<root>/<area>/objects/<key>` holds the bytes and
// `<root>/<area>/meta/<key>` their metadata (JSON), in two mirrored trees so no key collides with metadata.
// A reader sees every object whole, as one write left it, however often it is rewritten (consistent-files.ts).
import type { Stats } from 'node:fs';
import { access, constants, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';
import { openWithSidecar, type Sidecar, statWithSidecar, writeWithSidecar } from './consistent-files.js';
import { assertSafeKey, type ObjectStorage, type PutOptions } from './object-storage.js';

interface StoredMetadata extends Sidecar {
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
    await writeWithSidecar(this.objectPath(area, key), body, {
      file: this.metadataPath(area, key),
      textFor: ({ md5, inode }): string => {
        const metadata: StoredMetadata = { ...options, etag: `"${md5}"`, inode };
        return JSON.stringify(metadata);
      },
    });
  }

  async getObject(area: StorageArea, key: string, range?: ByteRange) {
    // The bytes are read from the file whose facts are answered, whatever is written meanwhile.
    const found = await openWithSidecar(this.objectPath(area, key), this.readMetadata(area, key));
    if (!found) return undefined;
    return { info: describe(found.stats, found.sidecar), body: found.handle.createReadStream(range) };
  }

  async headObject(area: StorageArea, key: string): Promise<ObjectInfo | undefined> {
    const found = await statWithSidecar(this.objectPath(area, key), this.readMetadata(area, key));
    return found && describe(found.stats, found.sidecar);
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

  private readMetadata(area: StorageArea, key: string) {
    const file = this.metadataPath(area, key);
    return () =>
      readFile(file, 'utf8').then(
        (text) => JSON.parse(text) as StoredMetadata,
        () => undefined,
      );
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

function describe(stats: Stats, metadata: StoredMetadata | undefined): ObjectInfo {
  return {
    size: stats.size,
    contentType: metadata?.contentType ?? 'application/octet-stream',
    etag: metadata?.etag ?? `"${stats.size.toString(16)}-${stats.mtimeMs.toString(16)}"`,
    lastModified: stats.mtime,
    ...(metadata?.cacheControl ? { cacheControl: metadata.cacheControl } : {}),
  };
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}
