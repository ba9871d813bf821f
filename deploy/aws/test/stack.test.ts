import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_ARN, synthesize } from './synthesized.js';

const { template } = synthesize();
const https = synthesize({ certificateArn: CERTIFICATE_ARN }).template;

/** The statements of the policies attached to the role whose logical id starts with `rolePrefix`. */
function statementsOf(rolePrefix: string): { Action: string | string[]; Resource: unknown }[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref.startsWith(rolePrefix)),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** Actions a role may take on objects of the bucket whose logical id starts with `bucketPrefix`. */
function objectActions(rolePrefix: string, bucketPrefix: string): string[] {
  return statementsOf(rolePrefix)
    .filter((statement) => JSON.stringify(statement.Resource).includes(`"${bucketPrefix}`))
    .filter((statement) => JSON.stringify(statement.Resource).includes('/'))
    .flatMap((statement) => [statement.Action].flat())
    .sort();
}

function containerOf(taskPrefix: string) {
  const tasks = template.findResources('AWS::ECS::TaskDefinition');
  const [task] = Object.entries(tasks).filter(([id]) => id.startsWith(taskPrefix));
  return task?.[1].Properties.ContainerDefinitions[0];
}

describe('network', () => {
  it('spreads the VPC over two availability zones', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    const zones = Object.values(template.findResources('AWS::EC2::Subnet')).map(
      (subnet) => subnet.Properties.AvailabilityZone,
    );
    expect(new Set(zones)).toEqual(new Set(['eu-west-1a', 'eu-west-1b']));
  });
});

describe('load balancer', () => {
  it('serves HTTP without a certificate', () => {
    // The other listener is RTMP's, on the network load balancer (live-ingest.test.ts).
    const web = template.findResources('AWS::ElasticLoadBalancingV2::Listener', {
      Properties: { Protocol: Match.not('TCP') },
    });
    expect(Object.keys(web)).toHaveLength(1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [Match.objectLike({ Type: 'forward' })],
    });
  });

  it('serves HTTPS with a certificate and redirects HTTP to it', () => {
    https.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: CERTIFICATE_ARN }],
    });
    https.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443' }) },
      ],
    });
  });

  it('keeps /metrics from the public', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/metrics', '/metrics/*'] } }],
      Actions: [Match.objectLike({ Type: 'fixed-response' })],
    });
  });
});

describe('services', () => {
  it('runs the one image as api, worker and live on Fargate', () => {
    expect(containerOf('ServicesApiTask').Command).toEqual(['api']);
    expect(containerOf('ServicesWorkerTask').Command).toEqual(['worker']);
    expect(containerOf('ServicesLiveTask').Command).toEqual(['live']);
    template.resourceCountIs('AWS::ECS::Service', 3);
    template.hasResourceProperties('AWS::ECS::Service', { LaunchType: 'FARGATE', DesiredCount: 0 });
  });

  it('wires SESSION_SECRET, METRICS_TOKEN and the database password from Secrets Manager into every task', () => {
    for (const task of ['ServicesApiTask', 'ServicesWorkerTask', 'ServicesLiveTask']) {
      const secrets = containerOf(task).Secrets.map((secret: { Name: string }) => secret.Name);
      expect(secrets.sort()).toEqual(['METRICS_TOKEN', 'PGPASSWORD', 'SESSION_SECRET']);
      const names = containerOf(task).Environment.map((variable: { Name: string }) => variable.Name);
      expect(names).not.toContain('SESSION_SECRET');
      expect(names).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET_RAW', 'MEDIA_BASE_URL']),
      );
    }
  });

  it('points MEDIA_BASE_URL at the distribution', () => {
    const media = containerOf('ServicesApiTask').Environment.find(
      (variable: { Name: string }) => variable.Name === 'MEDIA_BASE_URL',
    );
    expect(JSON.stringify(media.Value)).toMatch(/CdnDistribution.*DomainName/);
  });

  it('has the API publish the queue depth, which nobody would while no worker runs', () => {
    const environment = Object.fromEntries(
      containerOf('ServicesApiTask').Environment.map((variable: { Name: string; Value: unknown }) => [
        variable.Name,
        variable.Value,
      ]),
    );
    expect(environment.QUEUE_DEPTH_METRIC_SECONDS).toBe('60');
    expect(environment.QUEUE_DEPTH_METRIC_NAMESPACE).toBe('VidStream/VidStream');
  });

  it('scales the API on CPU and on requests per target', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
        TargetValue: 500,
      }),
    });
  });

  it('scales workers from zero on the maximum of the jobs outstanding', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 0,
      MaxCapacity: 4,
      ResourceId: Match.objectLike({
        'Fn::Join': Match.arrayWith([
          Match.arrayWith([
            Match.objectLike({
              'Fn::GetAtt': Match.arrayWith([Match.stringLikeRegexp('ServicesWorkerService')]),
            }),
          ]),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({ AdjustmentType: 'ExactCapacity' }),
    });
    for (const comparison of ['GreaterThanOrEqualToThreshold', 'LessThanOrEqualToThreshold']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'VidStream/VidStream',
        MetricName: 'JobsOutstanding',
        Dimensions: [{ Name: 'Queue', Value: 'all' }],
        Statistic: 'Maximum',
        ComparisonOperator: comparison,
      });
    }
  });

  it('keeps task logs for a month', () => {
    for (const task of ['ServicesApiTask', 'ServicesWorkerTask']) {
      const group = containerOf(task).LogConfiguration.Options['awslogs-group'].Ref as string;
      expect(template.toJSON().Resources[group].Properties.RetentionInDays).toBe(30);
    }
  });
});

describe('migration', () => {
  it('runs the API task definition as `migrate` before either service changes', () => {
    const migrations = template.findResources('Custom::VidStreamMigration');
    const [id, migration] = Object.entries(migrations)[0] ?? [];
    expect(migration?.Properties.TaskDefinitionArn).toEqual({
      Ref: expect.stringMatching(/^ServicesApiTask/),
    });
    for (const service of Object.values(template.findResources('AWS::ECS::Service'))) {
      expect(service.DependsOn).toContain(id);
    }
  });

  it('lets the migration step run that task definition only', () => {
    const runTask = statementsOf('MigrationStartTask').find(
      (statement) => statement.Action === 'ecs:RunTask',
    );
    expect(runTask?.Resource).toEqual({ Ref: expect.stringMatching(/^ServicesApiTask/) });
  });
});

describe('database and cache', () => {
  it('runs Aurora PostgreSQL 16 Serverless v2, encrypted', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: Match.stringLikeRegexp('^16\\.'),
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 8 },
      StorageEncrypted: true,
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless' });
  });

  it('runs the cache with allkeys-lfu, since ElastiCache refuses CONFIG SET', () => {
    template.hasResourceProperties('AWS::ElastiCache::ParameterGroup', {
      Properties: Match.objectLike({ 'maxmemory-policy': 'allkeys-lfu', 'maxmemory-samples': '10' }),
    });
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      CacheParameterGroupName: { Ref: Match.stringLikeRegexp('^CacheParameters') },
      TransitEncryptionEnabled: true,
    });
  });
});

describe('buckets', () => {
  it('keeps every bucket private, encrypted and behind TLS', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets browsers PUT parts to the raw bucket and read their ETag, and drops abandoned uploads after a day', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'], ExposedHeaders: ['ETag'] })],
      },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })],
      },
    });
  });
});

describe('least privilege on the buckets', () => {
  it('lets the worker write raw objects only as the pieces of a chunked transcode', () => {
    const raw = objectActions('ServicesWorkerTaskTaskRole', 'BucketsRaw');
    expect(raw).toEqual(['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    const rawWrites = statementsOf('ServicesWorkerTaskTaskRole').filter(
      (statement) =>
        [statement.Action].flat().includes('s3:PutObject') &&
        JSON.stringify(statement.Resource).includes('BucketsRaw'),
    );
    expect(JSON.stringify(rawWrites.map((statement) => statement.Resource))).toMatch(
      /"\/videos\/\*\/pieces\/\*"/,
    );
    expect(rawWrites).toHaveLength(1);
  });

  it("lets the worker write and replace a video's published files, and no avatars", () => {
    expect(objectActions('ServicesWorkerTaskTaskRole', 'BucketsProcessed')).toEqual([
      's3:DeleteObject',
      's3:PutObject',
    ]);
    expect(JSON.stringify(statementsOf('ServicesWorkerTaskTaskRole'))).not.toContain('avatars');
  });

  it('lets the API write to processed only under avatars/', () => {
    const writes = statementsOf('ServicesApiTaskTaskRole').filter((statement) =>
      [statement.Action].flat().includes('s3:PutObject'),
    );
    const processedWrites = writes.filter((statement) =>
      JSON.stringify(statement.Resource).includes('BucketsProcessed'),
    );
    expect(JSON.stringify(processedWrites.map((statement) => statement.Resource))).toMatch(/"\/avatars\/\*"/);
    expect(JSON.stringify(processedWrites.map((statement) => statement.Resource))).not.toMatch(
      /"\/videos\/\*"|"\/\*"/,
    );
  });
});

describe('CDN', () => {
  it('reads the processed bucket through origin access control', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^BucketsProcessed') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
  });

  it('checks playback tokens with a cloudfront-js-2.0 function on viewer requests, keyed from a key value store', () => {
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({
        Runtime: 'cloudfront-js-2.0',
        KeyValueStoreAssociations: [Match.objectLike({ KeyValueStoreARN: Match.anyValue() })],
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      }),
    });
  });

  it('keeps the key out of the template and writes it from SESSION_SECRET at deploy', () => {
    const code = template.findResources('AWS::CloudFront::Function');
    expect(JSON.stringify(code)).not.toMatch(/[0-9a-f]{64}/);
    template.hasResourceProperties('Custom::VidStreamPlaybackKey', {
      SecretArn: { Ref: Match.stringLikeRegexp('^SessionSecret') },
      KeyValueStoreArn: Match.anyValue(),
    });
  });

  it('has the API queue revocations for the edge and only the workers write them to the key value store', () => {
    const storeArn = { 'Fn::GetAtt': [expect.stringMatching(/^CdnPlaybackKey/), 'Arn'] };
    for (const task of ['ServicesApiTask', 'ServicesWorkerTask']) {
      const variable = containerOf(task).Environment.find(
        (entry: { Name: string }) => entry.Name === 'CDN_KEY_VALUE_STORE_ARN',
      );
      expect(variable?.Value).toEqual(storeArn);
    }
    const storeStatements = (role: string) =>
      statementsOf(role).filter((statement) => JSON.stringify(statement.Action).includes('keyvaluestore'));
    expect(storeStatements('ServicesWorkerTaskTaskRole')).toEqual([
      expect.objectContaining({
        Action: [
          'cloudfront-keyvaluestore:DescribeKeyValueStore',
          'cloudfront-keyvaluestore:GetKey',
          'cloudfront-keyvaluestore:PutKey',
          'cloudfront-keyvaluestore:DeleteKey',
        ],
        Resource: storeArn,
      }),
    ]);
    expect(storeStatements('ServicesApiTaskTaskRole')).toEqual([]);
  });

  it('honours the Cache-Control stored with each object and answers CORS', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ MinTTL: 0, MaxTTL: 31_536_000 }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['*'] } }),
        Comment: Match.anyValue(),
        Name: Match.anyValue(),
      },
    });
  });
});
