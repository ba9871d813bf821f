// The live role on AWS: encoders publish RTMP to a network load balancer on TCP 1935, which passes it to the
// live tasks alone, and the API hands out that load balancer's address with each stream key.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LIVE_TASK } from '../lib/services.js';
import { synthesize, taskContainer, taskEnvironment } from './synthesized.js';

const { template } = synthesize();

const byPrefix = (type: string, prefix: string) =>
  Object.entries(template.findResources(type))
    .filter(([id]) => id.startsWith(prefix))
    .map(([, resource]) => resource);

const ingressTo = (groupPrefix: string) =>
  Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map((rule) => rule.Properties)
    .filter((rule) => JSON.stringify(rule.GroupId).includes(groupPrefix));

describe('the RTMP load balancer', () => {
  it('is a network load balancer facing the internet with a TCP listener on 1935', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'network',
      Scheme: 'internet-facing',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 1935,
      Protocol: 'TCP',
      LoadBalancerArn: { Ref: Match.stringLikeRegexp('^LiveIngressLoadBalancer') },
    });
  });

  it('passes RTMP to the live tasks’ port 1935 and asks them /readyz over HTTP on 8080', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 1935,
      Protocol: 'TCP',
      TargetType: 'ip',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: '8080',
      HealthCheckPath: '/readyz',
    });
    const [service] = byPrefix('AWS::ECS::Service', 'ServicesLiveService');
    expect(service?.Properties.LoadBalancers).toEqual([
      expect.objectContaining({ ContainerName: 'vidstream', ContainerPort: 1935 }),
    ]);
  });

  it('takes RTMP from anywhere, and nothing else', () => {
    const [group] = byPrefix('AWS::EC2::SecurityGroup', 'LiveIngressNlb');
    expect(group?.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 1935, ToPort: 1935 }),
    ]);
  });
});

describe('the live service', () => {
  it('runs `vidstream live` on the size its encoding needs, listening for RTMP on 1935', () => {
    const [task] = byPrefix('AWS::ECS::TaskDefinition', 'ServicesLiveTask');
    expect(task?.Properties).toMatchObject({
      Cpu: String(LIVE_TASK.cpu),
      Memory: String(LIVE_TASK.memoryLimitMiB),
      EphemeralStorage: { SizeInGiB: LIVE_TASK.ephemeralStorageGiB },
    });
    const container = taskContainer(template, 'ServicesLiveTask');
    expect(container.Command).toEqual(['live']);
    expect(container.PortMappings.map((mapping: { ContainerPort: number }) => mapping.ContainerPort)).toEqual(
      [8080, 1935],
    );
    expect(taskEnvironment(template, 'ServicesLiveTask').LIVE_RTMP_PORT).toBe('1935');
  });

  it('runs one task unless told more', () => {
    const [service] = byPrefix('AWS::ECS::Service', 'ServicesLiveService');
    expect(service?.Properties.DesiredCount).toBe(1);
    const three = synthesize({ liveTasks: 3 }).template.findResources('AWS::ECS::Service');
    const counts = Object.entries(three).filter(([id]) => id.startsWith('ServicesLiveService'));
    expect(counts[0]?.[1].Properties.DesiredCount).toBe(3);
  });

  it('is reached by the RTMP load balancer alone, on RTMP and the health port', () => {
    const rules = ingressTo('ServicesLiveTasks');
    expect(rules.map((rule) => rule.FromPort).sort()).toEqual([1935, 8080]);
    for (const rule of rules) expect(JSON.stringify(rule.SourceSecurityGroupId)).toContain('LiveIngressNlb');
    const [group] = byPrefix('AWS::EC2::SecurityGroup', 'ServicesLiveTasks');
    expect(group?.Properties.SecurityGroupIngress).toBeUndefined();
  });

  it('reaches the database and the cache', () => {
    for (const target of ['DatabaseCluster', 'CacheSecurityGroup']) {
      const fromLive = ingressTo(target).filter((rule) =>
        JSON.stringify(rule.SourceSecurityGroupId).includes('ServicesLiveTasks'),
      );
      expect(fromLive, target).toHaveLength(1);
    }
  });

  it('may write a video’s published files and check both buckets, nothing more', () => {
    const [role] = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) =>
      id.startsWith('ServicesLiveTaskTaskRole'),
    );
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${role}"`))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const granted = statements.map((statement) => ({
      actions: [statement.Action].flat(),
      resources: JSON.stringify(statement.Resource),
    }));
    expect(granted).toHaveLength(2);
    expect(granted[0]?.actions).toEqual(['s3:ListBucket']);
    expect(granted[1]?.actions).toEqual(['s3:PutObject']);
    expect(granted[1]?.resources).toMatch(/BucketsProcessed.*\/videos\/\*/);
  });
});

describe('the API', () => {
  it('hands encoders the RTMP load balancer’s address', () => {
    const ingest = taskEnvironment(template, 'ServicesApiTask').LIVE_INGEST_URL;
    expect(ingest).toEqual({
      'Fn::Join': [
        '',
        [
          'rtmp://',
          { 'Fn::GetAtt': [expect.stringMatching(/^LiveIngressLoadBalancer/), 'DNSName'] },
          ':1935/live',
        ],
      ],
    });
  });
});
