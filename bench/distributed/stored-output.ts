// What a transcode left in the processed bucket, read back through S3: how many bytes it wrote, and how
// long writing its playlists once takes (the storage side of one stitch, which runs under the video's lock).
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PLAYLIST_EXTENSION, processedPrefix } from '../../server/src/domain/video-files.js';
import { type S3TestServer, signBucketPathsWithoutSlash } from '../../server/test/support/s3-server.js';

export class StoredOutput {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(s3: S3TestServer) {
    this.bucket = s3.buckets.processed;
    this.client = signBucketPathsWithoutSlash(
      new S3Client({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: s3.credentials,
      }),
    );
  }

  /** Every object under the video's prefix, with its size. */
  async files(videoId: string): Promise<{ key: string; bytes: number }[]> {
    const files: { key: string; bytes: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: processedPrefix(videoId),
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? [])
        files.push({ key: object.Key ?? '', bytes: object.Size ?? 0 });
      token = page.NextContinuationToken;
    } while (token);
    return files;
  }

  async bytes(videoId: string): Promise<number> {
    return (await this.files(videoId)).reduce((sum, file) => sum + file.bytes, 0);
  }

  /** Median of five sequential writes of the video's playlists (every rung's and the master), as a stitch does. */
  async playlistWriteSeconds(videoId: string): Promise<number> {
    const playlists = (await this.files(videoId)).filter((file) => file.key.endsWith(PLAYLIST_EXTENSION));
    const texts = await Promise.all(
      playlists.map(async ({ key }) => {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        return { key, body: await object.Body?.transformToString() };
      }),
    );
    const rounds: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const started = performance.now();
      for (const { key, body } of texts) {
        const copy = `bench-stitch/${round}/${key}`;
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: copy, Body: body ?? '' }));
      }
      rounds.push((performance.now() - started) / 1000);
    }
    return rounds.sort((a, b) => a - b)[2] as number;
  }
}
