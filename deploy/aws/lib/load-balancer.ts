// The public entrance to the API: HTTPS with a certificate (HTTP only redirects), or plain HTTP without one.
import {
  aws_certificatemanager as acm,
  aws_ec2 as ec2,
  aws_elasticloadbalancingv2 as elbv2,
  type aws_s3 as s3,
} from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

/** Proxies between a client and a task: the ALB alone. The tasks' TRUST_PROXY believes this many hops. */
export const LOAD_BALANCER_HOPS = 1;

export interface LoadBalancerProps {
  vpc: ec2.IVpc;
  logs: s3.IBucket;
  /** An ACM certificate for the platform's domain; without one the platform is served over HTTP. */
  certificateArn?: string;
}

export class LoadBalancer extends Construct {
  readonly alb: elbv2.ApplicationLoadBalancer;
  /** The listener the API is served on. */
  readonly listener: elbv2.ApplicationListener;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    this.alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc: props.vpc,
      internetFacing: true,
      dropInvalidHeaderFields: true,
      // The client's address is added to the right of whatever X-Forwarded-For it sent (AWS's default,
      // written down so it stays): `preserve` would pass a forged header on untouched, and a port
      // after the address would make the entry unreadable as one.
      xffHeaderProcessingMode: elbv2.XffHeaderProcessingMode.APPEND,
    });
    // CDK writes this attribute only when turning it on.
    this.alb.setAttribute('routing.http.xff_client_port.enabled', 'false');
    this.alb.logAccessLogs(props.logs, 'alb');
    NagSuppressions.addResourceSuppressions(
      this.alb,
      [
        {
          id: 'AwsSolutions-EC23',
          reason: 'The public entrance of the platform: anyone on the internet may open it',
        },
      ],
      true,
    );
    if (props.certificateArn) {
      this.listener = this.alb.addListener('Https', {
        port: 443,
        certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      });
      this.alb.addRedirect({ sourcePort: 80, targetPort: 443 });
    } else {
      this.listener = this.alb.addListener('Http', { port: 80 });
    }
    // Prometheus metrics are for the scraper inside the network, never the public.
    this.listener.addAction('HideMetrics', {
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/metrics', '/metrics/*'])],
      action: elbv2.ListenerAction.fixedResponse(404, {
        contentType: 'application/json',
        messageBody: '{"error":{"code":"not_found","message":"Not found"}}',
      }),
    });
  }

  /** Lets the load balancer reach tasks in `group` on `port`. */
  allowTo(group: ec2.ISecurityGroup, port: number): void {
    group.connections.allowFrom(this.alb, ec2.Port.tcp(port), 'from the load balancer');
  }
}
