// The public entrance for encoders: a Network Load Balancer passing RTMP (TCP 1935) to the live tasks.
// RTMP is not HTTP, so it cannot go through the ALB; each encoder's connection stays on one task for the
// whole stream.
import { Duration, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2 } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export const RTMP_PORT = 1935;

export interface LiveIngressProps {
  vpc: ec2.IVpc;
}

export class LiveIngress extends Construct {
  readonly nlb: elbv2.NetworkLoadBalancer;
  readonly listener: elbv2.NetworkListener;
  readonly securityGroup: ec2.SecurityGroup;
  /** What the API hands out as each stream key's server (LIVE_INGEST_URL). */
  readonly ingestUrl: string;

  constructor(scope: Construct, id: string, props: LiveIngressProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'Nlb', {
      vpc: props.vpc,
      description: 'VidStream RTMP ingest load balancer',
    });
    this.securityGroup.addIngressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(RTMP_PORT),
      'encoders publishing RTMP',
    );
    NagSuppressions.addResourceSuppressions(this.securityGroup, [
      {
        id: 'AwsSolutions-EC23',
        reason: 'Encoders publish from anywhere; a stream key is checked before any media is taken',
      },
    ]);
    this.nlb = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      securityGroups: [this.securityGroup],
      crossZoneEnabled: true,
    });
    NagSuppressions.addResourceSuppressions(this.nlb, [
      {
        id: 'AwsSolutions-ELB2',
        reason:
          'A network load balancer logs TLS listeners only; RTMP is plain TCP (publishes are logged by the live tasks)',
      },
    ]);
    this.listener = this.nlb.addListener('Rtmp', { port: RTMP_PORT, protocol: elbv2.Protocol.TCP });
    this.ingestUrl = `rtmp://${this.nlb.loadBalancerDnsName}:${RTMP_PORT}/live`;
  }

  /** Lets the load balancer reach tasks in `group` on RTMP and on `healthPort`, where they answer /readyz. */
  allowTo(group: ec2.ISecurityGroup, healthPort: number): void {
    for (const port of [RTMP_PORT, healthPort])
      group.connections.allowFrom(this.securityGroup, ec2.Port.tcp(port), 'from the RTMP load balancer');
  }

  /** The targets: RTMP to `target`, readiness asked over HTTP on `healthPort`. */
  forwardTo(target: elbv2.INetworkLoadBalancerTarget, healthPort: number): elbv2.NetworkTargetGroup {
    return this.listener.addTargets('Live', {
      port: RTMP_PORT,
      protocol: elbv2.Protocol.TCP,
      targets: [target],
      // Readiness, as the ALB asks the API: a task whose database or storage does not answer takes no new
      // publish. An RTMP probe would only open and drop a connection.
      healthCheck: {
        protocol: elbv2.Protocol.HTTP,
        port: String(healthPort),
        path: '/readyz',
        healthyHttpCodes: '200',
        interval: Duration.seconds(10),
      },
      // A task leaving (a deploy, a scale-in) ends its streams when stopped; their encoders reconnect to
      // another task at once.
      deregistrationDelay: Duration.seconds(30),
    });
  }
}
