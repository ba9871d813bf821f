// The two storage areas: `raw` receives browser uploads (presigned multipart PUTs), `processed` holds the
// published HLS files and avatars, read by the public only through CloudFront.
import { Duration, RemovalPolicy, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class Buckets extends Construct {
  readonly raw: s3.Bucket;
  readonly processed: s3.Bucket;
  /** Server access logs of both buckets, and the load balancer's and CDN's logs. */
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.logs = new s3.Bucket(this, 'Logs', {
      ...PRIVATE,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    this.raw = new s3.Bucket(this, 'Raw', {
      ...PRIVATE,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'raw/',
      // Uploads abandoned half-way would otherwise be billed forever, invisibly.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    this.processed = new s3.Bucket(this, 'Processed', {
      ...PRIVATE,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'processed/',
    });
  }

  /** Lets pages from `origins` (the platform's own address) PUT upload parts straight to the raw bucket. */
  allowUploadsFrom(origins: string[]): void {
    this.raw.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT],
      allowedOrigins: origins,
      allowedHeaders: ['*'],
      // The client reads each part's ETag to complete the multipart upload.
      exposedHeaders: ['ETag'],
      maxAge: 3600,
    });
  }
}

const PRIVATE = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps;
