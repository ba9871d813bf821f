// Object storage on any S3 API (AWS S3, MinIO, R2): one bucket per area.

import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { StorageConfig } from '../../config.js';
import { DependencyUnavailable } from '../../domain/errors.js';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';
import { assertSafeKey, type ObjectStorage, type PutOptions } from './object-storage.js';

type S3Config = Omit<Extract<StorageConfig, { kind: 's3' }>, 'kind'>;

export class S3Storage implements ObjectStorage {
  readonly client: S3Client;
  private readonly buckets: Record<StorageArea, string>;

  constructor(config: S3Config) {
    this.client = createS3Client(config, config.endpoint);
    this.buckets = { raw: config.rawBucket, processed: config.processedBucket };
  }

  async putObject(
    area: StorageArea,
    key: string,
    body: Buffer | Readable,
    options: PutOptions,
  ): Promise<void> {
    assertSafeKey(key);
    // PutObject needs a known length; large uploads go through multipart, so buffering a stream here is bounded.
    const bytes = Buffer.isBuffer(body) ? body : await buffer(body);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.buckets[area],
        Key: key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
      }),
    );
  }

  async getObject(area: StorageArea, key: string, range?: ByteRange) {
    assertSafeKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.buckets[area],
          Key: key,
          Range: range && `bytes=${range.start}-${range.end}`,
        }),
      );
      // A ranged answer's length is the range's; the whole size is after the slash of Content-Range.
      const size = Number(object.ContentRange?.split('/')[1] ?? object.ContentLength ?? 0);
      return { info: { ...toObjectInfo(object), size }, body: object.Body as Readable };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async headObject(area: StorageArea, key: string): Promise<ObjectInfo | undefined> {
    assertSafeKey(key);
    try {
      return toObjectInfo(
        await this.client.send(new HeadObjectCommand({ Bucket: this.buckets[area], Key: key })),
      );
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async deleteObject(area: StorageArea, key: string): Promise<void> {
    assertSafeKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.buckets[area], Key: key }));
  }

  async deletePrefix(area: StorageArea, prefix: string): Promise<number> {
    if (!prefix.endsWith('/')) throw new Error(`storage prefix must end with "/": ${JSON.stringify(prefix)}`);
    assertSafeKey(prefix.slice(0, -1));
    const bucket = this.buckets[area];
    let deleted = 0;
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        await this.client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        deleted += keys.length;
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return deleted;
  }

  async ping(): Promise<void> {
    await Promise.all(
      Object.values(this.buckets).map((bucket) =>
        this.client.send(new HeadBucketCommand({ Bucket: bucket })),
      ),
    );
  }
}

function toObjectInfo(object: HeadObjectCommandOutput): ObjectInfo {
  return {
    size: object.ContentLength ?? 0,
    contentType: object.ContentType ?? 'application/octet-stream',
    etag: object.ETag ?? '',
    lastModified: object.LastModified ?? new Date(0),
    ...(object.CacheControl ? { cacheControl: object.CacheControl } : {}),
  };
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

/** A client of the configured storage, at `endpoint`: the one the servers use, or the public one. */
export function createS3Client(config: S3Config, endpoint: string | undefined): S3Client {
  const client = new S3Client({
    region: config.region,
    endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
  });
  // Outermost, so it sees what is left once the SDK's own retries (with backoff) have given up.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!storageWasAway(error)) throw error;
        throw new DependencyUnavailable(
          'storage_unavailable',
          'Object storage is not answering; try again in a moment',
        );
      }
    },
    { step: 'initialize', name: 'storageAway', priority: 'high' },
  );
  return client;
}

/** No answer at all (refused, reset, timed out) or a server error (5xx): storage away, not a bad request. */
function storageWasAway(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error instanceof Error && (status === undefined || status >= 500);
}
