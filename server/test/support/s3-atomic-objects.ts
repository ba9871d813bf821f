// Makes the S3 test server's object writes atomic, as S3's are. Its store rewrites an object's bytes in
// place and its metadata beside them, so a player reading a growing playlist while the worker replaced it
// got half a playlist, or a body shorter than its Content-Length (a 500 from the media route). Here the
// server keeps objects the way VidStream's local-disk storage does (consistent-files.ts).
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
// @ts-expect-error: the package ships no type declarations.
import S3Object from '@20minutes/s3rver/lib/models/object.js';
import {
  openWithSidecar,
  type Sidecar,
  statWithSidecar,
  writeWithSidecar,
} from '../../src/adapters/storage/consistent-files.js';

/** The part of the server's filesystem store that this module replaces or uses. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  getObject(bucket: string, key: string, range?: ByteRange): Promise<unknown>;
}

interface StoredObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, unknown>;
}

type ByteRange = { start?: number; end?: number };

/** The server's metadata file, here holding the checksum and the inode of the bytes it describes. */
interface Snapshot extends Sidecar {
  metadata: Record<string, unknown>;
  md5: string;
}

export function makeObjectWritesAtomic(store: FilesystemStore): void {
  const objectPath = (bucket: string, key: string) => store.getResourcePath(bucket, key, 'object');
  const snapshotPath = (bucket: string, key: string) => store.getResourcePath(bucket, key, 'metadata.json');
  const readSnapshot = (bucket: string, key: string) => async () =>
    JSON.parse(await readFile(snapshotPath(bucket, key), 'utf8')) as Snapshot;

  store.putObject = ({ bucket, key, content, metadata }) =>
    writeWithSidecar(objectPath(bucket, key), content, {
      file: snapshotPath(bucket, key),
      textFor: ({ md5, inode }) => JSON.stringify({ metadata: allowedMetadata(metadata), md5, inode }),
    });

  // A missing object throws ENOENT, as the server's own store does.
  store.getMetadata = async (bucket, key) => {
    const found = await statWithSidecar(objectPath(bucket, key), readSnapshot(bucket, key));
    if (!found?.sidecar) throw Object.assign(new Error(`no object ${bucket}/${key}`), { code: 'ENOENT' });
    return describe(found.sidecar, found.stats.size, found.stats.mtime);
  };

  store.getObject = async (bucket, key, range) => {
    const found = await openWithSidecar(objectPath(bucket, key), readSnapshot(bucket, key)).catch(missing);
    if (!found?.sidecar) {
      await found?.handle.close();
      return null;
    }
    const metadata = describe(found.sidecar, found.stats.size, found.stats.mtime);
    const lastByte = Math.max(0, found.stats.size - 1);
    const slice = {
      start: range?.start ?? 0,
      end: Math.min(range?.end ?? Number.POSITIVE_INFINITY, lastByte),
    };
    const satisfiable = slice.start >= 0 && slice.end >= slice.start;
    if (!satisfiable) await found.handle.close();
    const object = new S3Object(
      bucket,
      key,
      satisfiable ? found.handle.createReadStream(slice) : null,
      metadata,
    );
    if (range && (range.start !== undefined || range.end !== undefined)) object.range = slice;
    return object;
  };
}

/** One version of an object, as the server's own store describes it. */
function describe(snapshot: Snapshot, size: number, modified: Date): Record<string, unknown> {
  return {
    ...snapshot.metadata,
    etag: JSON.stringify(snapshot.md5),
    'last-modified': modified.toUTCString(),
    'content-length': size,
  };
}

function allowedMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const allowed = new Set<string>(S3Object.ALLOWED_METADATA);
  return Object.fromEntries(
    Object.entries(metadata).filter(([name]) => allowed.has(name) || name.startsWith('x-amz-meta-')),
  );
}

/** A sidecar deleted between the two reads: the object is going, as good as missing. */
function missing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}
