// Custom resource: derives the playback signing key from SESSION_SECRET (as the server does) and writes it
// to the CloudFront key value store the token check reads, so the key never passes through the template.
import { createHmac } from 'node:crypto';
import {
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  PutKeyCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
// The key value store API is signed with SigV4a, which the SDK leaves out unless this is loaded.
import '@aws-sdk/signature-v4a';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The key name the CloudFront Function reads (functions/playback-token-check.js). */
export const PLAYBACK_KEY_NAME = 'playback-key-v1';

/** HMAC-SHA256(secret, 'vidstream-playback-key-v1'), hex: the key PlaybackTokens signs with. */
export function derivePlaybackKey(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('vidstream-playback-key-v1').digest('hex');
}

export async function handler(event: CloudFormationCustomResourceEvent) {
  const physicalResourceId = `playback-key:${event.ResourceProperties.KeyValueStoreArn}`;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalResourceId };
  const { SecretArn, KeyValueStoreArn } = event.ResourceProperties as Record<string, string>;

  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: SecretArn }));
  if (!secret.SecretString) throw new Error('SESSION_SECRET has no value');
  const store = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' });
  const { ETag } = await store.send(new DescribeKeyValueStoreCommand({ KvsARN: KeyValueStoreArn }));
  await store.send(
    new PutKeyCommand({
      KvsARN: KeyValueStoreArn,
      Key: PLAYBACK_KEY_NAME,
      Value: derivePlaybackKey(secret.SecretString),
      IfMatch: ETag,
    }),
  );
  return { PhysicalResourceId: physicalResourceId };
}
