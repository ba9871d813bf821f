import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../../src/adapters/storage/local-disk-storage.js';
import type { ObjectStorage } from '../../../src/adapters/storage/object-storage.js';
import { S3Storage } from '../../../src/adapters/storage/s3-storage.js';
import { type S3TestServer, signBucketPathsWithoutSlash, startS3Server } from '../../support/s3-server.js';

let s3: S3TestServer;
let scratch: string;
beforeAll(async () => {
  s3 = await startS3Server();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'vidstream-storage-'));
});
afterAll(async () => {
  await s3.close();
  await rm(scratch, { recursive: true, force: true });
});

function s3Storage(endpoint = s3.endpoint, processedBucket = s3.buckets.processed): S3Storage {
  const storage = new S3Storage({
    endpoint,
    publicEndpoint: undefined,
    region: 'us-east-1',
    rawBucket: s3.buckets.raw,
    processedBucket,
    ...s3.credentials,
    forcePathStyle: true,
  });
  signBucketPathsWithoutSlash(storage.client);
  return storage;
}

const implementations: [string, () => ObjectStorage][] = [
  [
    'LocalDiskStorage',
    () => new LocalDiskStorage({ rootDir: path.join(scratch, randomBytes(4).toString('hex')) }),
  ],
  ['S3Storage', () => s3Storage()],
];

describe.each(implementations)('%s', (_name, make) => {
  const prefix = () => `videos/${randomBytes(6).toString('hex')}`;

  it('answers ping', async () => {
    await expect(make().ping()).resolves.toBeUndefined();
  });

  it('stores an object with its content type and reads it back', async () => {
    const storage = make();
    const key = `${prefix()}/master.m3u8`;
    await storage.putObject('processed', key, Buffer.from('#EXTM3U\n'), {
      contentType: 'application/vnd.apple.mpegurl',
      cacheControl: 'public, max-age=2',
    });
    const head = await storage.headObject('processed', key);
    expect(head).toMatchObject({ size: 8, contentType: 'application/vnd.apple.mpegurl' });
    expect(head?.etag).toMatch(/^".+"$/);
    expect(head?.lastModified.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const object = await storage.getObject('processed', key);
    expect(await buffer(object?.body as Readable)).toEqual(Buffer.from('#EXTM3U\n'));
  });

  it('streams 3 MiB in and out byte for byte', async () => {
    const storage = make();
    const key = `${prefix()}/segment.m4s`;
    const bytes = randomBytes(3 * 1024 * 1024);
    const chunks = Readable.from([bytes.subarray(0, 1_000_000), bytes.subarray(1_000_000)]);
    await storage.putObject('processed', key, chunks, { contentType: 'video/iso.segment' });
    const object = await storage.getObject('processed', key);
    expect(object?.info.size).toBe(bytes.length);
    expect((await buffer(object?.body as Readable)).equals(bytes)).toBe(true);
  });

  it('streams one byte range, reporting the whole size', async () => {
    const storage = make();
    const key = `${prefix()}/segment.m4s`;
    const bytes = randomBytes(100_000);
    await storage.putObject('processed', key, bytes, { contentType: 'video/iso.segment' });
    const object = await storage.getObject('processed', key, { start: 1_000, end: 50_999 });
    expect(object?.info.size).toBe(bytes.length);
    expect((await buffer(object?.body as Readable)).equals(bytes.subarray(1_000, 51_000))).toBe(true);
  });

  it('overwrites an object and changes its etag', async () => {
    const storage = make();
    const key = `${prefix()}/poster.jpg`;
    await storage.putObject('processed', key, Buffer.from('first'), { contentType: 'image/jpeg' });
    const before = await storage.headObject('processed', key);
    await storage.putObject('processed', key, Buffer.from('second!'), { contentType: 'image/jpeg' });
    const after = await storage.headObject('processed', key);
    expect(after?.size).toBe(7);
    expect(after?.etag).not.toBe(before?.etag);
  });

  it('gives a reader racing rewrites each version whole, with that version’s size and metadata', async () => {
    // A growing playlist: rewritten longer every time while players read it.
    const storage = make();
    const key = `${prefix()}/360p/playlist.m3u8`;
    const versions = Array.from({ length: 150 }, (_, index) =>
      Buffer.from(`#EXTM3U\n${'#EXTINF:4.0,\nsegment.m4s\n'.repeat(index + 1)}#${index}\n`),
    );
    let written = 0;
    const writer = (async () => {
      for (const [index, bytes] of versions.entries()) {
        await storage.putObject('processed', key, bytes, {
          contentType: 'application/vnd.apple.mpegurl',
          cacheControl: `max-age=${index}`,
        });
        written += 1;
      }
    })();
    const reads: { body: Buffer; size: number; etag: string; cacheControl: string | undefined }[] = [];
    const reader = async () => {
      while (written < versions.length) {
        const object = await storage.getObject('processed', key);
        if (!object) continue;
        const { size, etag, cacheControl } = object.info;
        reads.push({ body: await buffer(object.body), size, etag, cacheControl });
      }
    };
    await Promise.all([writer, reader(), reader()]);

    expect(reads.length).toBeGreaterThan(10);
    for (const read of reads) {
      const version = Number(/#(\d+)\n$/.exec(read.body.toString())?.[1]);
      expect(read.body.equals(versions[version] ?? Buffer.alloc(0)), read.body.toString()).toBe(true);
      expect(read.size).toBe(read.body.length);
      expect(read.cacheControl).toBe(`max-age=${version}`);
      expect(read.etag).toBe(`"${createHash('md5').update(read.body).digest('hex')}"`);
    }
  });

  it('reports a missing object as undefined', async () => {
    const storage = make();
    expect(await storage.headObject('processed', `${prefix()}/absent`)).toBeUndefined();
    expect(await storage.getObject('processed', `${prefix()}/absent`)).toBeUndefined();
  });

  it('keeps the raw and processed areas apart', async () => {
    const storage = make();
    const key = `${prefix()}/source`;
    await storage.putObject('raw', key, Buffer.from('upload'), { contentType: 'video/mp4' });
    expect(await storage.headObject('raw', key)).toBeDefined();
    expect(await storage.headObject('processed', key)).toBeUndefined();
  });

  it('deletes one object', async () => {
    const storage = make();
    const key = `${prefix()}/gone`;
    await storage.putObject('processed', key, Buffer.from('x'), { contentType: 'text/plain' });
    await storage.deleteObject('processed', key);
    expect(await storage.headObject('processed', key)).toBeUndefined();
    await expect(storage.deleteObject('processed', key)).resolves.toBeUndefined();
  });

  it('deletes a prefix without touching a neighbour that shares its beginning', async () => {
    const storage = make();
    const base = prefix();
    const keys = [`${base}/ab/master.m3u8`, `${base}/ab/720p/segment-1.m4s`, `${base}/ab/720p/segment-2.m4s`];
    const neighbour = `${base}/abc/master.m3u8`;
    for (const key of [...keys, neighbour]) {
      await storage.putObject('processed', key, Buffer.from(key), { contentType: 'text/plain' });
    }
    expect(await storage.deletePrefix('processed', `${base}/ab/`)).toBe(3);
    for (const key of keys) expect(await storage.headObject('processed', key)).toBeUndefined();
    expect(await storage.headObject('processed', neighbour)).toBeDefined();
  });

  it.each(['../escape', 'videos/../../etc/passwd', '/absolute', 'double//slash', '', 'back\\slash'])(
    'refuses the unsafe key %j',
    async (key) => {
      const storage = make();
      await expect(
        storage.putObject('raw', key, Buffer.from('x'), { contentType: 'text/plain' }),
      ).rejects.toThrow(/unsafe storage key/);
      await expect(storage.headObject('raw', key)).rejects.toThrow(/unsafe storage key/);
    },
  );
});

describe('ping when storage is unusable', () => {
  it('S3Storage rejects when the server does not answer', async () => {
    const stopped = await startS3Server();
    const storage = s3Storage(stopped.endpoint);
    await stopped.close();
    await expect(storage.ping()).rejects.toThrow();
  });

  it('S3Storage rejects when a bucket does not exist', async () => {
    await expect(s3Storage(s3.endpoint, 'no-such-bucket').ping()).rejects.toThrow();
  });

  it('LocalDiskStorage rejects when its directory cannot be created', async () => {
    const file = path.join(scratch, 'a-regular-file');
    await writeFile(file, 'not a directory');
    await expect(new LocalDiskStorage({ rootDir: path.join(file, 'storage') }).ping()).rejects.toThrow();
  });
});
