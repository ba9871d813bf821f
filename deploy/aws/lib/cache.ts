// ElastiCache (Valkey): the video cache, near-cache invalidation (pub/sub, client tracking) and the view
// buffer; security counters live in Aurora. ElastiCache forbids CONFIG SET, so the eviction policy (LFU,
// docs/operations.md "Redis") is set in a parameter group; the server checks it at start-up.
import { aws_ec2 as ec2, aws_elasticache as elasticache, Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export const CACHE_PORT = 6379;

export class Cache extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly replicationGroup: elasticache.CfnReplicationGroup;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc }) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'VidStream cache: reached by the API and worker tasks only',
      allowAllOutbound: false,
    });
    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'VidStream cache subnets',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
    });
    const parameters = new elasticache.CfnParameterGroup(this, 'Parameters', {
      cacheParameterGroupFamily: 'valkey8',
      description: 'VidStream: a cache that evicts the least frequently used keys',
      properties: { 'maxmemory-policy': 'allkeys-lfu', 'maxmemory-samples': '10' },
    });
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: `${Stack.of(this).stackName} cache`,
      engine: 'valkey',
      engineVersion: '8.0',
      cacheNodeType: 'cache.t4g.micro',
      numCacheClusters: 1,
      port: CACHE_PORT,
      cacheParameterGroupName: parameters.ref,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
    });
    NagSuppressions.addResourceSuppressions(this.replicationGroup, [
      {
        id: 'AwsSolutions-AEC4',
        reason:
          'A cache, not a store: with the node down VidStream reads from PostgreSQL, so one node is enough',
      },
      {
        id: 'AwsSolutions-AEC6',
        reason:
          'REDIS_URL carries no separate password variable; only the tasks security group may connect, over TLS',
      },
    ]);
  }

  /** `rediss://` (TLS): the server's REDIS_URL. */
  get url(): string {
    return `rediss://${this.replicationGroup.attrPrimaryEndPointAddress}:${this.replicationGroup.attrPrimaryEndPointPort}`;
  }
}
