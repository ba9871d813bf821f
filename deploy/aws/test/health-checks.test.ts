// Liveness in the container's check, readiness at the load balancer: a database outage takes tasks out of
// the ALB's rotation but never makes ECS replace them all, since the container check only asks whether
// the process is alive (`vidstream healthcheck` asks /healthz; server/test/cli proves it passes while
// PostgreSQL is away).
import { describe, expect, it } from 'vitest';
import { synthesize, taskContainer } from './synthesized.js';

const { template } = synthesize();

describe('health checks', () => {
  it('checks each container with the liveness command, never the readiness one', () => {
    for (const task of ['ServicesApiTask', 'ServicesWorkerTask']) {
      const { HealthCheck } = taskContainer(template, task);
      expect(HealthCheck.Command, task).toEqual(['CMD', 'node', '/app/server/dist/main.js', 'healthcheck']);
      expect(HealthCheck.Command, task).not.toContain('--ready');
    }
  });

  it('has the load balancer send requests only to tasks that answer ready', () => {
    const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.Properties).toMatchObject({ HealthCheckPath: '/readyz', Matcher: { HttpCode: '200' } });
  });
});
