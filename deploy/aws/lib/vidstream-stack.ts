// The whole platform on AWS: network, database, cache, buckets, CDN, the API, worker and live services (live
// behind a network load balancer for RTMP), and the migration step that runs before they change.
import {
  CfnOutput,
  aws_ec2 as ec2,
  aws_ecr as ecr,
  aws_ecs as ecs,
  Stack,
  type StackProps,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Buckets } from './buckets.js';
import { CACHE_PORT, Cache } from './cache.js';
import { Cdn } from './cdn.js';
import { DATABASE_NAME, DATABASE_USER, Database } from './database.js';
import { LiveIngress } from './live-ingress.js';
import { LOAD_BALANCER_HOPS, LoadBalancer } from './load-balancer.js';
import { Migration } from './migration.js';
import { Network } from './network.js';
import { API_PORT, Services } from './services.js';
import { grantApiStorage, grantLiveStorage, grantWorkerStorage } from './storage-access.js';

export interface VidStreamStackProps extends StackProps {
  /** The ECR repository holding the VidStream image, and the tag to run. */
  imageRepository: string;
  imageTag: string;
  /** ACM certificate for `domainName`: serves HTTPS and redirects HTTP. */
  certificateArn?: string;
  /** The address people use (`https://video.example.com`); the load balancer's own name otherwise. */
  publicUrl?: string;
  maxWorkers?: number;
  /** Tasks taking live publishes (default 1); each carries a few streams (docs/live.md). */
  liveTasks?: number;
}

export class VidStreamStack extends Stack {
  constructor(scope: Construct, id: string, props: VidStreamStackProps) {
    super(scope, id, props);
    const { vpc } = new Network(this, 'Network');
    const database = new Database(this, 'Database', { vpc });
    const cache = new Cache(this, 'Cache', { vpc });
    const buckets = new Buckets(this, 'Buckets');
    const loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
      vpc,
      logs: buckets.logs,
      certificateArn: props.certificateArn,
    });
    const liveIngress = new LiveIngress(this, 'LiveIngress', { vpc });
    const publicUrl =
      props.publicUrl ??
      `${props.certificateArn ? 'https' : 'http'}://${loadBalancer.alb.loadBalancerDnsName}`;
    buckets.allowUploadsFrom([publicUrl]);
    const sessionSecret = generatedSecret(
      this,
      'SessionSecret',
      'VidStream SESSION_SECRET: signs sessions, upload part URLs and playback tokens',
      'Rotating SESSION_SECRET signs everyone out and voids every playback URL: a planned, manual step',
    );
    // What a Prometheus scraper sends to read /metrics: the app refuses it to anyone else, however the
    // path is spelt (the ALB's /metrics rule compares the path as sent; Fastify decodes it first).
    const metricsToken = generatedSecret(
      this,
      'MetricsToken',
      'VidStream METRICS_TOKEN: the bearer token /metrics answers',
      'The scraper holds a copy of METRICS_TOKEN: rotating it is a manual step done with the scraper',
    );
    const cdn = new Cdn(this, 'Cdn', { processed: buckets.processed, logs: buckets.logs, sessionSecret });

    const databaseSecret = database.cluster.secret;
    if (!databaseSecret) throw new Error('the database cluster has no generated secret');
    const endpoint = database.cluster.clusterEndpoint;
    const services = new Services(this, 'Services', {
      vpc,
      image: ecs.ContainerImage.fromEcrRepository(
        ecr.Repository.fromRepositoryName(this, 'ImageRepository', props.imageRepository),
        props.imageTag,
      ),
      environment: {
        PORT: String(API_PORT),
        PUBLIC_URL: publicUrl,
        // The ALB appends the address it saw to X-Forwarded-For (its `append` mode, pinned in LoadBalancer):
        // the right-most entry is the client, everything left of it the client's own words. Only the ALB
        // reaches the tasks (their security group), so believing exactly that one hop is safe.
        TRUST_PROXY: String(LOAD_BALANCER_HOPS),
        // The password comes as PGPASSWORD; Aurora insists on TLS, and RDS's CA is not in the image's store.
        DATABASE_URL: `postgres://${DATABASE_USER}@${endpoint.hostname}:${endpoint.port}/${DATABASE_NAME}?sslmode=no-verify`,
        REDIS_URL: cache.url,
        S3_REGION: this.region,
        S3_BUCKET_RAW: buckets.raw.bucketName,
        S3_BUCKET_PROCESSED: buckets.processed.bucketName,
        MEDIA_BASE_URL: `https://${cdn.distribution.distributionDomainName}`,
        // The API queues each revocation of playback URLs for the edge; a worker writes it there.
        CDN_KEY_VALUE_STORE_ARN: cdn.keyValueStore.keyValueStoreArn,
        // What the API hands encoders with each stream key: the RTMP load balancer, not the ALB.
        LIVE_INGEST_URL: liveIngress.ingestUrl,
      },
      secrets: {
        SESSION_SECRET: ecs.Secret.fromSecretsManager(sessionSecret),
        METRICS_TOKEN: ecs.Secret.fromSecretsManager(metricsToken),
        PGPASSWORD: ecs.Secret.fromSecretsManager(databaseSecret, 'password'),
      },
      queueMetricNamespace: `VidStream/${this.stackName}`,
      maxWorkers: props.maxWorkers ?? 4,
      liveTasks: props.liveTasks ?? 1,
    });
    loadBalancer.allowTo(services.securityGroup, API_PORT);
    services.serveApi(loadBalancer.listener);
    liveIngress.allowTo(services.liveSecurityGroup, API_PORT);
    liveIngress.forwardTo(services.liveTarget(), API_PORT);
    database.cluster.connections.allowDefaultPortFrom(services.securityGroup, 'API and worker tasks');
    database.cluster.connections.allowDefaultPortFrom(services.liveSecurityGroup, 'live tasks');
    for (const [group, who] of [
      [services.securityGroup, 'API and worker tasks'],
      [services.liveSecurityGroup, 'live tasks'],
    ] as const)
      cache.securityGroup.addIngressRule(group, ec2.Port.tcp(CACHE_PORT), who);
    grantApiStorage(services.apiTask.taskRole, buckets.raw, buckets.processed);
    grantWorkerStorage(services.workerTask.taskRole, buckets.raw, buckets.processed);
    grantLiveStorage(services.liveTask.taskRole, buckets.raw, buckets.processed);
    cdn.allowRevocationsBy(services.workerTask.taskRole);

    const migration = new Migration(this, 'Migration', {
      cluster: services.cluster,
      taskDefinition: services.apiTask,
      securityGroup: services.securityGroup,
      subnets: vpc.privateSubnets,
    });
    migration.resource.node.addDependency(database.cluster);
    services.api.node.addDependency(migration.resource);
    services.worker.node.addDependency(migration.resource);
    services.live.node.addDependency(migration.resource);

    new CfnOutput(this, 'Url', { value: publicUrl });
    new CfnOutput(this, 'LiveIngestUrl', { value: liveIngress.ingestUrl });
    new CfnOutput(this, 'MediaBaseUrl', { value: `https://${cdn.distribution.distributionDomainName}` });
  }
}

/** 64 letters and digits drawn by Secrets Manager at deploy, so the value is never in the template. */
function generatedSecret(scope: Construct, id: string, description: string, whyNotRotated: string) {
  const secret = new secretsmanager.Secret(scope, id, {
    description,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
  });
  NagSuppressions.addResourceSuppressions(secret, [{ id: 'AwsSolutions-SMG4', reason: whyNotRotated }]);
  return secret;
}
