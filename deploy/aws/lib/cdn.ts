// CloudFront over the processed bucket: the playback token is checked at the edge by a CloudFront Function
// whose key lives in a key value store, filled at deploy time from SESSION_SECRET by a custom resource.
// The same store holds the minimum playback version of each recently revoked video, written by the jobs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CustomResource,
  aws_cloudfront as cloudfront,
  custom_resources as cr,
  Duration,
  aws_iam as iam,
  aws_cloudfront_origins as origins,
  type aws_s3 as s3,
  type aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { bundledFunction, suppressProviderFindings } from './bundled-function.js';

const TOKEN_CHECK = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../functions/playback-token-check.js',
);

export interface CdnProps {
  processed: s3.IBucket;
  logs: s3.IBucket;
  sessionSecret: secretsmanager.ISecret;
}

export class Cdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly tokenCheck: cloudfront.Function;
  readonly keyValueStore: cloudfront.KeyValueStore;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const keyValueStore = new cloudfront.KeyValueStore(this, 'PlaybackKey', {
      comment: 'VidStream playback token key, derived from SESSION_SECRET',
    });
    this.keyValueStore = keyValueStore;
    this.tokenCheck = new cloudfront.Function(this, 'TokenCheck', {
      code: cloudfront.FunctionCode.fromFile({ filePath: TOKEN_CHECK }),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      keyValueStore,
      comment: 'Checks the playback token of /t/{token}/videos/{id}/... and strips it',
    });
    this.writePlaybackKey(keyValueStore, props.sessionSecret);

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'VidStream media',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.processed),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
        cachePolicy: new cloudfront.CachePolicy(this, 'HonourOriginCacheControl', {
          comment: 'Each object keeps the Cache-Control it was stored with (segments a year, playlists 60 s)',
          minTtl: Duration.seconds(0),
          defaultTtl: Duration.minutes(1),
          maxTtl: Duration.days(365),
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        }),
        responseHeadersPolicy: new cloudfront.ResponseHeadersPolicy(this, 'AnyOriginMayPlay', {
          comment: 'Players on any origin may fetch media',
          corsBehavior: {
            accessControlAllowOrigins: ['*'],
            accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
            accessControlAllowHeaders: ['range', 'if-none-match', 'if-modified-since', 'if-range'],
            accessControlExposeHeaders: [
              'content-length',
              'content-range',
              'accept-ranges',
              'etag',
              'last-modified',
            ],
            accessControlAllowCredentials: false,
            accessControlMaxAge: Duration.days(1),
            originOverride: true,
          },
        }),
        functionAssociations: [
          { function: this.tokenCheck, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'cdn/',
    });
    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'VidStream is served worldwide; who may watch is decided by playback tokens, not by country',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Only signed, expiring media URLs reach the bucket (the token check runs on every request); WAF would add a fixed monthly cost',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Media is served on the *.cloudfront.net name, whose default certificate CloudFront fixes to TLSv1',
      },
    ]);
  }

  /**
   * Lets the revocation jobs (CDN_KEY_VALUE_STORE_ARN) raise and take out videos' minimum playback
   * versions: read the store's ETag and a key, write or delete a key, in this store only.
   */
  allowRevocationsBy(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'cloudfront-keyvaluestore:DescribeKeyValueStore',
        'cloudfront-keyvaluestore:GetKey',
        'cloudfront-keyvaluestore:PutKey',
        'cloudfront-keyvaluestore:DeleteKey',
      ],
      resourceArns: [this.keyValueStore.keyValueStoreArn],
    });
  }

  private writePlaybackKey(
    keyValueStore: cloudfront.KeyValueStore,
    sessionSecret: secretsmanager.ISecret,
  ): void {
    const writer = bundledFunction(this, 'PlaybackKeyWriter', 'playback-key.ts', 'handler');
    sessionSecret.grantRead(writer);
    writer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront-keyvaluestore:DescribeKeyValueStore', 'cloudfront-keyvaluestore:PutKey'],
        resources: [keyValueStore.keyValueStoreArn],
      }),
    );
    const provider = new cr.Provider(this, 'PlaybackKeyProvider', { onEventHandler: writer });
    suppressProviderFindings(provider);
    new CustomResource(this, 'PlaybackKeyValue', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::VidStreamPlaybackKey',
      // Runs on create and when these change: a secret rotated in place needs the key written again (docs/deploy.md).
      properties: { SecretArn: sessionSecret.secretArn, KeyValueStoreArn: keyValueStore.keyValueStoreArn },
    });
  }
}
