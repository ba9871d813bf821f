// The ECS services of the one image: `vidstream api` behind the load balancer, scaled on CPU and requests,
// `vidstream worker`, scaled from zero on the jobs outstanding in the PostgreSQL queue, and `vidstream live`,
// taking RTMP publishes behind the network load balancer, a fixed number of tasks.
import {
  aws_applicationautoscaling as autoscaling,
  aws_cloudwatch as cloudwatch,
  Duration,
  aws_ec2 as ec2,
  aws_ecs as ecs,
  aws_elasticloadbalancingv2 as elbv2,
  aws_logs as logs,
  RemovalPolicy,
} from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { RTMP_PORT } from './live-ingress.js';

export const API_PORT = 8080;
/** The container's own check: is the process alive (the image's HEALTHCHECK, docs/deploy.md). */
export const LIVENESS_COMMAND = ['CMD', 'node', '/app/server/dist/main.js', 'healthcheck'];
/** The load balancer's check: do the task's dependencies answer. */
export const READINESS_PATH = '/readyz';
/** What the API publishes (server: QUEUE_DEPTH_METRIC_*) and the workers scale on. */
export const QUEUE_METRIC = { name: 'JobsOutstanding', dimensionValue: 'all', periodSeconds: 60 };

export interface ServicesProps {
  vpc: ec2.IVpc;
  image: ecs.ContainerImage;
  /** Configuration every role reads; secrets come separately. */
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
  queueMetricNamespace: string;
  maxWorkers: number;
  /** Live tasks: each takes about LIVE_STREAMS_PER_TASK streams (docs/live.md, "How to scale it"). */
  liveTasks: number;
}

/**
 * A live task's size. Its ffmpeg encodes every rung the publisher did not send: one core kept a 720p30
 * publish's ladder (720p copied, 360p encoded) at 3.7× real time or more, a 1080p30 one (both rungs
 * encoded) at 1.0× or more (bench:live), so 2 vCPU carry about 4 streams of the first kind and 1–2 of the
 * second (docs/live.md). Its scratch disk holds each stream's segments until the stream ends, about 2 GB
 * an hour of a 720p stream.
 */
export const LIVE_TASK = { cpu: 2048, memoryLimitMiB: 4096, ephemeralStorageGiB: 100 };

export class Services extends Construct {
  readonly cluster: ecs.Cluster;
  readonly api: ecs.FargateService;
  readonly worker: ecs.FargateService;
  readonly apiTask: ecs.FargateTaskDefinition;
  readonly workerTask: ecs.FargateTaskDefinition;
  readonly securityGroup: ec2.SecurityGroup;
  readonly live: ecs.FargateService;
  readonly liveTask: ecs.FargateTaskDefinition;
  /** The live tasks' own group: reached by the RTMP load balancer alone. */
  readonly liveSecurityGroup: ec2.SecurityGroup;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServicesProps,
  ) {
    super(scope, id);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    // API and workers share one group: both reach the database and cache, neither is reached but by the ALB.
    this.securityGroup = new ec2.SecurityGroup(this, 'Tasks', {
      vpc: props.vpc,
      description: 'VidStream tasks',
    });

    this.apiTask = this.taskDefinition(
      'Api',
      'api',
      { cpu: 512, memoryLimitMiB: 1024 },
      {
        QUEUE_DEPTH_METRIC_SECONDS: String(QUEUE_METRIC.periodSeconds),
        QUEUE_DEPTH_METRIC_NAMESPACE: props.queueMetricNamespace,
      },
    );
    this.workerTask = this.taskDefinition(
      'Worker',
      'worker',
      { cpu: 2048, memoryLimitMiB: 4096 },
      {
        WORKER_CONCURRENCY: '1',
        // ECS waits stopTimeout (90 s) after SIGTERM: running jobs get 60 s, then go back to the queue.
        WORKER_SHUTDOWN_GRACE_SECONDS: '60',
      },
    );

    this.api = new ecs.FargateService(this, 'ApiService', {
      cluster: this.cluster,
      taskDefinition: this.apiTask,
      desiredCount: 2,
      securityGroups: [this.securityGroup],
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
    });
    this.worker = new ecs.FargateService(this, 'WorkerService', {
      cluster: this.cluster,
      taskDefinition: this.workerTask,
      desiredCount: 0,
      securityGroups: [this.securityGroup],
      circuitBreaker: { rollback: true },
      minHealthyPercent: 0,
    });
    this.scaleWorkersOnQueue();

    this.liveSecurityGroup = new ec2.SecurityGroup(this, 'LiveTasks', {
      vpc: props.vpc,
      description: 'VidStream live tasks',
    });
    const { ephemeralStorageGiB, ...liveSize } = LIVE_TASK;
    this.liveTask = this.taskDefinition(
      'Live',
      'live',
      liveSize,
      { LIVE_RTMP_PORT: String(RTMP_PORT) },
      { ephemeralStorageGiB, extraPorts: [RTMP_PORT] },
    );
    this.live = new ecs.FargateService(this, 'LiveService', {
      cluster: this.cluster,
      taskDefinition: this.liveTask,
      desiredCount: props.liveTasks,
      securityGroups: [this.liveSecurityGroup],
      circuitBreaker: { rollback: true },
      // A deploy starts the new tasks before stopping the old: encoders that lose their task reconnect.
      minHealthyPercent: 100,
    });
  }

  /** RTMP from the network load balancer to the live tasks' port 1935. */
  liveTarget(): elbv2.INetworkLoadBalancerTarget {
    return this.live.loadBalancerTarget({ containerName: 'vidstream', containerPort: RTMP_PORT });
  }

  /** Puts the API behind `listener` and scales it on CPU and on requests per task. */
  serveApi(listener: elbv2.ApplicationListener): void {
    const targetGroup = listener.addTargets('Api', {
      port: API_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.api],
      // Readiness: a task whose database, storage or queue does not answer gets no requests. When every
      // task fails it (the database away) the ALB sends to all of them anyway (it fails open), and ECS
      // starts a replacement before stopping an unhealthy task, so the running ones stay.
      healthCheck: { path: READINESS_PATH, healthyHttpCodes: '200' },
      deregistrationDelay: Duration.seconds(30),
    });
    const scaling = this.api.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 500, targetGroup });
  }

  private scaleWorkersOnQueue(): void {
    const outstanding = new cloudwatch.Metric({
      namespace: this.props.queueMetricNamespace,
      metricName: QUEUE_METRIC.name,
      dimensionsMap: { Queue: QUEUE_METRIC.dimensionValue },
      // Every API task publishes the same count: the largest is the truth, a sum would count it N times.
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.seconds(QUEUE_METRIC.periodSeconds),
    });
    const scaling = this.worker.autoScaleTaskCount({ minCapacity: 0, maxCapacity: this.props.maxWorkers });
    scaling.scaleOnMetric('JobsOutstanding', {
      metric: outstanding,
      adjustmentType: autoscaling.AdjustmentType.EXACT_CAPACITY,
      // Running jobs are counted, so the last worker leaves only when nothing is left to do.
      scalingSteps: [
        { upper: 0, change: 0 },
        { lower: 1, change: 1 },
        { lower: 4, change: Math.min(2, this.props.maxWorkers) },
        { lower: 10, change: this.props.maxWorkers },
      ],
      evaluationPeriods: 3,
      datapointsToAlarm: 1,
      cooldown: Duration.minutes(2),
    });
  }

  private taskDefinition(
    id: string,
    role: 'api' | 'worker' | 'live',
    size: { cpu: number; memoryLimitMiB: number },
    environment: Record<string, string>,
    { ephemeralStorageGiB, extraPorts = [] }: { ephemeralStorageGiB?: number; extraPorts?: number[] } = {},
  ): ecs.FargateTaskDefinition {
    const task = new ecs.FargateTaskDefinition(this, `${id}Task`, {
      ...size,
      ephemeralStorageGiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    task.addContainer('vidstream', {
      image: this.props.image,
      command: [role],
      environment: { ...this.props.environment, ...environment },
      secrets: this.props.secrets,
      portMappings: [API_PORT, ...extraPorts].map((containerPort) => ({ containerPort })),
      // Liveness (`vidstream healthcheck` asks /healthz): ECS replaces a task that fails it, which a
      // database outage must never cause.
      healthCheck: {
        command: LIVENESS_COMMAND,
        startPeriod: Duration.seconds(60),
      },
      stopTimeout: Duration.seconds(90),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: role,
        logGroup: new logs.LogGroup(this, `${id}Logs`, {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
    });
    NagSuppressions.addResourceSuppressions(task, [
      {
        id: 'AwsSolutions-ECS2',
        reason:
          'Only addresses and tuning are plain variables; SESSION_SECRET, METRICS_TOKEN and PGPASSWORD come from Secrets Manager',
      },
    ]);
    NagSuppressions.addResourceSuppressions(
      task.obtainExecutionRole(),
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'ecr:GetAuthorizationToken has no resource to scope to; pulls are limited to the image repository',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
    return task;
  }
}
