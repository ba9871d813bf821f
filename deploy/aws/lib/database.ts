// Aurora PostgreSQL 16 Serverless v2: the platform's data and its job queue (pg-boss) in one database.
import { Duration, aws_ec2 as ec2, RemovalPolicy, aws_rds as rds } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export const DATABASE_NAME = 'vidstream';
export const DATABASE_USER = 'vidstream';

export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc }) {
    super(scope, id);
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      defaultDatabaseName: DATABASE_NAME,
      // Letters and digits only: the password reaches the server as PGPASSWORD, beside a DATABASE_URL.
      credentials: rds.Credentials.fromGeneratedSecret(DATABASE_USER, {
        excludeCharacters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\,=^.-_',
      }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 8,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      storageEncrypted: true,
      iamAuthentication: true,
      deletionProtection: true,
      backup: { retention: Duration.days(7) },
      cloudwatchLogsExports: ['postgresql'],
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    NagSuppressions.addResourceSuppressions(
      this.cluster,
      [
        {
          id: 'AwsSolutions-SMG4',
          reason:
            'Tasks read the password once, at start: a scheduled rotation would lock running tasks out until replaced',
        },
      ],
      true,
    );
  }
}
