// Who may do what to each bucket. The grants follow the calls the code makes, recorded per role by the
// server suite (deploy/aws/test/recorded-calls.json) and evaluated against these policies by
// test/recorded-calls.test.ts, which also fails on a grant no call needs (docs/deploy.md, "Permissions").
// - API: starts, presigns parts for, lists, completes and aborts multipart uploads to raw; checks (HEAD)
//   and deletes an upload it refuses or its client gives up; serves /media from processed; writes and
//   replaces avatars there.
// - worker: reads raw uploads; writes and reads back the pieces of a chunked transcode (videos/{id}/pieces/)
//   and deletes them; deletes a deleted video's or an expired upload's raw object and aborts its upload;
//   writes, replaces and deletes a video's published files in processed (never avatars).
// - live: publishes each stream's segments and playlists to processed as they are made.
// All check both buckets at /readyz (HeadBucket), and the worker lists what it deletes by prefix: ListBucket.
// `vidstream migrate` runs as the API's task and calls no storage.
import { aws_iam as iam, type aws_s3 as s3 } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';

export function grantApiStorage(role: iam.IGrantable, raw: s3.IBucket, processed: s3.IBucket): void {
  allow(role, ['s3:ListBucket'], [raw.bucketArn, processed.bucketArn]);
  allow(
    role,
    [
      's3:PutObject',
      's3:GetObject',
      's3:DeleteObject',
      's3:ListMultipartUploadParts',
      's3:AbortMultipartUpload',
    ],
    [raw.arnForObjects('videos/*')],
  );
  // /media serves a video's files and avatars, nothing else of the bucket.
  allow(role, ['s3:GetObject'], [processed.arnForObjects('videos/*'), processed.arnForObjects('avatars/*')]);
  allow(role, ['s3:PutObject', 's3:DeleteObject'], [processed.arnForObjects('avatars/*')]);
}

export function grantWorkerStorage(role: iam.IGrantable, raw: s3.IBucket, processed: s3.IBucket): void {
  allow(role, ['s3:ListBucket'], [raw.bucketArn, processed.bucketArn]);
  allow(
    role,
    ['s3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
    [raw.arnForObjects('videos/*')],
  );
  // The only raw objects a worker writes: the pieces a chunked transcode hands to other workers.
  allow(role, ['s3:PutObject'], [raw.arnForObjects('videos/*/pieces/*')]);
  allow(role, ['s3:PutObject', 's3:DeleteObject'], [processed.arnForObjects('videos/*')]);
}

export function grantLiveStorage(role: iam.IGrantable, raw: s3.IBucket, processed: s3.IBucket): void {
  allow(role, ['s3:ListBucket'], [raw.bucketArn, processed.bucketArn]);
  allow(role, ['s3:PutObject'], [processed.arnForObjects('videos/*')]);
}

function allow(role: iam.IGrantable, actions: string[], resources: string[]): void {
  role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
  const wildcards = resources.filter((resource) => resource.endsWith('*'));
  if (wildcards.length === 0 || !(role.grantPrincipal instanceof iam.Role)) return;
  NagSuppressions.addResourceSuppressions(
    role.grantPrincipal,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Object keys are made per video (videos/{id}/..., its pieces videos/{id}/pieces/...) and channel (avatars/{id}/...): the grant is scoped to that prefix',
        appliesTo: [
          {
            regex:
              '/^Resource::<Buckets(Raw|Processed)[0-9A-F]+\\.Arn>\\/((videos|avatars)\\/)?\\*(\\/pieces\\/\\*)?$/g',
          },
        ],
      },
    ],
    true,
  );
}
