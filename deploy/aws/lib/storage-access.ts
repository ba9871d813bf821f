// Who may do what to each bucket, from what the code does (server/src/services, adapters/storage):
// - API: starts, presigns, lists, completes and aborts multipart uploads to raw; checks (HEAD) and deletes a
//   raw upload; serves /media and deletes a video's files in processed; writes avatars to processed.
// - worker: reads raw uploads and aborts expired ones (never writes raw); writes and replaces a video's
//   published files in processed (never avatars).
// Both check both buckets at /readyz (HeadBucket, which needs ListBucket).
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
  allow(role, ['s3:GetObject'], [processed.arnForObjects('*')]);
  allow(
    role,
    ['s3:DeleteObject'],
    [processed.arnForObjects('videos/*'), processed.arnForObjects('avatars/*')],
  );
  allow(role, ['s3:PutObject'], [processed.arnForObjects('avatars/*')]);
}

export function grantWorkerStorage(role: iam.IGrantable, raw: s3.IBucket, processed: s3.IBucket): void {
  allow(role, ['s3:ListBucket'], [raw.bucketArn, processed.bucketArn]);
  allow(role, ['s3:GetObject', 's3:AbortMultipartUpload'], [raw.arnForObjects('videos/*')]);
  allow(role, ['s3:PutObject', 's3:DeleteObject'], [processed.arnForObjects('videos/*')]);
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
          'Object keys are made per video (videos/{id}/...) and channel (avatars/{id}/...): the grant is scoped to that prefix',
        appliesTo: [
          { regex: '/^Resource::<Buckets(Raw|Processed)[0-9A-F]+\\.Arn>\\/((videos|avatars)\\/)?\\*$/g' },
        ],
      },
    ],
    true,
  );
}
