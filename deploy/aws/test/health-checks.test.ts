// Liveness in the container's check, readiness at the load balancers: a database outage takes tasks out of
// the ALB's rotation but never makes ECS replace them all, since the container check only asks whether
// the process is alive (`vidstream healthcheck` asks /healthz; server/test/cli proves it passes while
// PostgreSQL is away).
import { describe, expect, it } from 'vitest';
import { synthesize, taskContainer } from './synthesized.js';

const { template } = synthesize();

describe('health checks', () => {
  it('checks each container with the liveness command, never the readiness one', () => {
    for (const task of ['ServicesApiTask', 'ServicesWorkerTask', 'ServicesLiveTask']) {
      const { HealthCheck } = taskContainer(template, task);
      expect(HealthCheck.Command, task).toEqual(['CMD', 'node', '/app/server/dist/main.js', 'healthcheck']);
      expect(HealthCheck.Command, task).not.toContain('--ready');
    }
  });

  it('has each load balancer send requests and publishes only to tasks that answer ready', () => {
    const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
    // The API's behind the ALB, the live tasks' behind the RTMP load balancer (asked over HTTP).
    expect(groups).toHaveLength(2);
    for (const group of groups)
      expect(group.Properties).toMatchObject({ HealthCheckPath: '/readyz', Matcher: { HttpCode: '200' } });
  });
});
