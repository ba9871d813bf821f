// The CDN's copy of each revoked video's minimum playback version, in the CloudFront key value store that
// the edge's token check reads (deploy/aws/functions/playback-token-check.js): `min-version-{videoId}`,
// a decimal integer; absent means 0. Writes are compare-and-set on the store's ETag (read before the key),
// so two revocations of one video landing out of order never lower its minimum.
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
// The key value store API is signed with SigV4a, which the SDK leaves out unless this is loaded.
import '@aws-sdk/signature-v4a';

/** The key the edge function reads for a video. */
export const minVersionKey = (videoId: string) => `min-version-${videoId}`;

/** Another writer changed the store between our read and our write this many times in a row: give up. */
const ATTEMPTS = 5;

type Change = { put: string } | 'delete' | 'none';

export class CdnRevocationStore {
  /** `client` replaces the default one (signed by the task's role; the tests point one at a stand-in). */
  constructor(
    private readonly arn: string,
    private readonly client = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' }),
  ) {}

  /** Makes the stored minimum at least `minVersion`. */
  async raise(videoId: string, minVersion: number): Promise<void> {
    await this.compareAndSet(minVersionKey(videoId), (stored) =>
      stored === undefined || stored < minVersion ? { put: String(minVersion) } : 'none',
    );
  }

  /** Removes the stored minimum if it is still `minVersion` (a later revocation keeps its own). */
  async forget(videoId: string, minVersion: number): Promise<void> {
    await this.compareAndSet(minVersionKey(videoId), (stored) => (stored === minVersion ? 'delete' : 'none'));
  }

  private async compareAndSet(key: string, decide: (stored: number | undefined) => Change): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const { ETag } = await this.client.send(new DescribeKeyValueStoreCommand({ KvsARN: this.arn }));
      const change = decide(await this.read(key));
      if (change === 'none') return;
      const target = { KvsARN: this.arn, Key: key, IfMatch: ETag };
      try {
        if (change === 'delete') await this.client.send(new DeleteKeyCommand(target));
        else await this.client.send(new PutKeyCommand({ ...target, Value: change.put }));
        return;
      } catch (error) {
        if (!(error instanceof ConflictException) || attempt === ATTEMPTS) throw error;
      }
    }
  }

  private async read(key: string): Promise<number | undefined> {
    try {
      const { Value } = await this.client.send(new GetKeyCommand({ KvsARN: this.arn, Key: key }));
      return Value === undefined ? undefined : Number(Value);
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }
}
