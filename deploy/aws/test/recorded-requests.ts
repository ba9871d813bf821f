// The calls the server suite recorded for each role (recorded-calls.json, written by
// server/test/platform/recorded-calls.test.ts), as the requests AWS authorises: which IAM action on
// which ARN each API operation needs, with the keys' patterns filled in.
import { readFileSync } from 'node:fs';

export type Role = 'api' | 'migrate' | 'worker';

export interface RecordedCall {
  service: string;
  operation: string;
  resource: string;
  key?: string;
  prefix?: string;
}

export const recordedCalls = JSON.parse(
  readFileSync(new URL('./recorded-calls.json', import.meta.url), 'utf8'),
) as Record<Role, RecordedCall[]>;

export interface IamRequest {
  /** The call it stands for, to name it in a failure. */
  call: string;
  action: string;
  resource: string;
  /** The bucket's logical id for S3, whose policy also applies. */
  bucket?: string;
  context: Record<string, string>;
}

/**
 * Each IAM action, and the S3 operations VidStream sends that are checked against it, as the S3 API
 * reference lists them under "Permissions": a HEAD needs GetObject; every multipart step but listing and aborting needs
 * PutObject (a presigned UploadPart acts with its signer's rights); a DeleteObjects batch needs
 * DeleteObject on each key; listing a bucket and HeadBucket need ListBucket on the bucket.
 */
const S3_PERMISSIONS: Record<string, string[]> = {
  's3:PutObject': ['PutObject', 'CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload'],
  's3:ListMultipartUploadParts': ['ListParts'],
  's3:AbortMultipartUpload': ['AbortMultipartUpload'],
  's3:GetObject': ['GetObject', 'HeadObject'],
  's3:DeleteObject': ['DeleteObject', 'DeleteObjects'],
  's3:ListBucket': ['ListObjectsV2', 'HeadBucket'],
};
/** The actions checked on the bucket itself; the others on the object. */
const BUCKET_ACTIONS = new Set(['s3:ListBucket']);

/** Where each recorded resource is in the stack: the logical id prefix of the bucket or store. */
export const STACK_RESOURCES: Record<string, { type: string; prefix: string }> = {
  raw: { type: 'AWS::S3::Bucket', prefix: 'BucketsRaw' },
  processed: { type: 'AWS::S3::Bucket', prefix: 'BucketsProcessed' },
  'playback-key-store': { type: 'AWS::CloudFront::KeyValueStore', prefix: 'CdnPlaybackKey' },
};

/** A key pattern as a key: any id, rung, number or name is as good as another to a policy. */
function sampleKey(pattern: string): string {
  return pattern
    .replaceAll('{id}', 'Xq3vB8mK0aZ')
    .replaceAll('{rung}', '360p')
    .replaceAll('{n}', '00001')
    .replaceAll('{name}', 'k2Jd8sQpR1xY');
}

/** The request one recorded call makes, given the ARN and logical id of the resource it names. */
export function iamRequest(call: RecordedCall, resourceArn: string, logicalId: string): IamRequest {
  const described = [call.service, call.operation, call.resource, call.key ?? call.prefix ?? '']
    .join(' ')
    .trim();
  if (call.service === 'cloudfront-keyvaluestore') {
    return {
      call: described,
      action: `${call.service}:${call.operation}`,
      resource: resourceArn,
      context: {},
    };
  }
  const action = Object.keys(S3_PERMISSIONS).find((candidate) =>
    S3_PERMISSIONS[candidate]?.includes(call.operation),
  );
  if (call.service !== 's3' || !action)
    throw new Error(`${described}: no permission known for it; add the operation to S3_PERMISSIONS`);
  // The SDK reaches S3 over HTTPS, which the buckets' policies require.
  const context: Record<string, string> = { 'aws:SecureTransport': 'true' };
  if (BUCKET_ACTIONS.has(action)) {
    if (call.prefix !== undefined) context['s3:prefix'] = sampleKey(call.prefix);
    return { call: described, action, resource: resourceArn, bucket: logicalId, context };
  }
  if (call.key === undefined) throw new Error(`${described}: an object operation without a key`);
  return {
    call: described,
    action,
    resource: `${resourceArn}/${sampleKey(call.key)}`,
    bucket: logicalId,
    context,
  };
}
