// Object storage seen by services: any S3 API in production, a directory on local disk by default.
// Two areas: `raw` holds uploads as received, `processed` holds what the platform publishes.
import type { Readable } from 'node:stream';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';

export interface PutOptions {
  contentType: string;
  cacheControl?: string;
}

export interface ObjectStorage {
  putObject(area: StorageArea, key: string, body: Buffer | Readable, options: PutOptions): Promise<void>;
  /** Streams an object, or one range of it (`info.size` is still the whole size); undefined when missing. */
  getObject(
    area: StorageArea,
    key: string,
    range?: ByteRange,
  ): Promise<{ info: ObjectInfo; body: Readable } | undefined>;
  headObject(area: StorageArea, key: string): Promise<ObjectInfo | undefined>;
  deleteObject(area: StorageArea, key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix`; returns how many were removed. */
  deletePrefix(area: StorageArea, prefix: string): Promise<number>;
  /** Throws when the storage cannot be reached. */
  ping(): Promise<void>;
}

/** Keys are made by the server; this guards against a bug ever letting one climb out of its area. */
export function assertSafeKey(key: string): void {
  const segments = key.split('/');
  if (
    key.length === 0 ||
    key.length > 1024 ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0')
  ) {
    throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
  }
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
  }
}
