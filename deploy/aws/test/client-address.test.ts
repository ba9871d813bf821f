// Whose address a per-address limit counts behind the ALB, as the template ships it: the ALB appends the
// address it saw to X-Forwarded-For, only it reaches the tasks, and the tasks' TRUST_PROXY (read from the
// template) is fed to the real API, which must not let a forged left-most entry pick the bucket.
import { describe, expect, it } from 'vitest';
import { apiFor, failedLogIns, someAddress, throughLoadBalancer } from '../../support/api-behind-proxy.js';
import { synthesize, taskEnvironment } from './synthesized.js';

const { template } = synthesize();
const LIMIT = 3;
/** An ALB node's address in the VPC: the peer of every connection a task accepts. */
const ALB_NODE = '10.0.1.23';

function loadBalancerAttributes(): Record<string, unknown> {
  const [alb] = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'));
  const attributes: { Key: string; Value: unknown }[] = alb?.Properties.LoadBalancerAttributes ?? [];
  return Object.fromEntries(attributes.map(({ Key, Value }) => [Key, Value]));
}

describe('the load balancer in front of the API', () => {
  it('appends the address it saw to X-Forwarded-For, without a port', () => {
    expect(loadBalancerAttributes()).toMatchObject({
      'routing.http.xff_header_processing.mode': 'append',
      'routing.http.xff_client_port.enabled': 'false',
    });
  });

  it('is the only way into the tasks, so a believed hop is always the load balancer', () => {
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter((rule) =>
      JSON.stringify(rule.Properties.GroupId).includes('ServicesTasks'),
    );
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(JSON.stringify(rule.Properties.SourceSecurityGroupId)).toContain('LoadBalancerAlbSecurityGroup');
    }
    const [tasks] = Object.entries(template.findResources('AWS::EC2::SecurityGroup')).filter(([id]) =>
      id.startsWith('ServicesTasks'),
    );
    expect(tasks?.[1].Properties.SecurityGroupIngress).toBeUndefined();
  });
});

describe('the API with the TRUST_PROXY the template gives it', () => {
  const trustProxy = String(taskEnvironment(template, 'ServicesApiTask').TRUST_PROXY);
  const api = apiFor({ TRUST_PROXY: trustProxy, LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });

  it('counts log-ins by the address the load balancer saw, whatever the client forged before it', async () => {
    const client = someAddress();
    const attempts = Array.from({ length: LIMIT + 2 }, () =>
      throughLoadBalancer(client, `${someAddress()}, ${someAddress()}`, ALB_NODE),
    );
    expect(await failedLogIns(api().app, attempts)).toEqual([...Array(LIMIT).fill(401), 429, 429]);
  });

  it('does not charge the address a client forges to its owner', async () => {
    const victim = someAddress();
    const attacker = someAddress();
    const forgingVictim = Array.from({ length: LIMIT + 1 }, () =>
      throughLoadBalancer(attacker, victim, ALB_NODE),
    );
    expect((await failedLogIns(api().app, forgingVictim)).at(-1)).toBe(429);
    expect(await failedLogIns(api().app, [throughLoadBalancer(victim, undefined, ALB_NODE)])).toEqual([401]);
  });

  it('is the template’s hop count, not a trust in every entry', () => {
    expect(trustProxy).toBe('1');
  });
});
