// A real S3-protocol server for tests (it checks SigV4 signatures and expiry), on a free loopback port,
// its object writes made atomic as S3's are.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: the package ships no type declarations.
import S3rver from '@20minutes/s3rver';
import type { S3Client } from '@aws-sdk/client-s3';
import type { HeldPlaylists } from '../../src/adapters/storage/held-playlists.js';
import type { ObjectStorage } from '../../src/adapters/storage/object-storage.js';
import { S3Storage } from '../../src/adapters/storage/s3-storage.js';
import { makeObjectWritesAtomic } from './s3-atomic-objects.js';

export interface S3TestServer {
  endpoint: string;
  buckets: { raw: string; processed: string };
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

export interface S3TestServerOptions {
  /**
   * VidStream's own S3 client signs bucket-level requests (listing, deleting many) over `/bucket/`, which
   * S3 and MinIO accept and this server refuses. Processes a test cannot patch (a benchmark's servers)
   * need those accepted: their signatures then go unchecked; object requests are still checked.
   */
  acceptBucketPathsSignedWithSlash?: boolean;
}

export async function startS3Server(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'vidstream-s3-'));
  const buckets = { raw: 'vidstream-raw', processed: 'vidstream-processed' };
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    // Created here rather than through the SDK: the server checks `/bucket` where the SDK signs `/bucket/`.
    configureBuckets: Object.values(buckets).map((name) => ({ name })),
  });
  makeObjectWritesAtomic(server.store);
  if (options.acceptBucketPathsSignedWithSlash) server.middleware.unshift(acceptBucketPathsSignedWithSlash);
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    buckets,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The environment that puts VidStream's storage on this server, reached at `endpoint` (a relay, say). */
export function s3Environment(s3: S3TestServer, endpoint = s3.endpoint): Record<string, string> {
  return {
    S3_ENDPOINT: endpoint,
    S3_BUCKET_RAW: s3.buckets.raw,
    S3_BUCKET_PROCESSED: s3.buckets.processed,
    S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  };
}

/** Koa middleware, first in line: a bucket-level request (`/bucket/`) sees the server allow any signature. */
function acceptBucketPathsSignedWithSlash(
  context: { path: string; app: object },
  next: () => Promise<unknown>,
): Promise<unknown> {
  if (/^\/[^/]+\/$/.test(context.path))
    context.app = Object.create(context.app, { allowMismatchedSignatures: { value: true } });
  return next();
}

/**
 * The test server verifies bucket-level requests (HeadBucket, ListObjectsV2, DeleteObjects) against
 * `/bucket` while the SDK signs `/bucket/`; S3 and MinIO accept both, so tests sign the form it checks.
 */
export function signBucketPathsWithoutSlash(client: S3Client): S3Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (request.path && /^\/[^/]+\/$/.test(request.path)) request.path = request.path.slice(0, -1);
      return next(args);
    },
    { step: 'build', name: 'signBucketPathsWithoutSlash' },
  );
  return client;
}

/**
 * The test server has no ListParts and no AbortMultipartUpload (it answers 405). A test that runs the flows
 * sending them (resuming, aborting, expiring an upload) has `client` answer them itself, as S3 does for an
 * upload with no parts stored; anything recording calls sees them first.
 */
export function answerMultipartCommandsTheServerLacks(client: S3Client): S3Client {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ListPartsCommand')
        return { output: { $metadata: {}, Parts: [] } as never, response: {} };
      if (context.commandName === 'AbortMultipartUploadCommand')
        return { output: { $metadata: {} } as never, response: {} };
      return next(args);
    },
    { step: 'initialize', name: 'answerMultipartCommandsTheServerLacks', priority: 'low' },
  );
  return client;
}

/** The S3 storage under a platform opened on S3 (its playlists are held in front of it). */
export function s3StorageOf(platform: { storage: ObjectStorage }): S3Storage {
  const { storage } = platform.storage as HeldPlaylists;
  if (!(storage instanceof S3Storage)) throw new Error('this platform does not run on S3');
  return storage;
}
