// `vidstream migrate` as a deploy step: a custom resource runs the API's task definition with the command
// `migrate` and waits for exit code 0. A new image is a new task definition, so it runs again; the services
// depend on it, so they change only after the schema has.
import {
  CustomResource,
  custom_resources as cr,
  Duration,
  type aws_ec2 as ec2,
  type aws_ecs as ecs,
  aws_iam as iam,
} from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { bundledFunction, suppressProviderFindings } from './bundled-function.js';

export interface MigrationProps {
  cluster: ecs.ICluster;
  taskDefinition: ecs.FargateTaskDefinition;
  securityGroup: ec2.ISecurityGroup;
  subnets: ec2.ISubnet[];
}

export class Migration extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: MigrationProps) {
    super(scope, id);
    const startTask = bundledFunction(this, 'StartTask', 'run-migration.ts', 'onEvent');
    const checkTask = bundledFunction(this, 'CheckTask', 'run-migration.ts', 'isComplete');
    const { taskDefinition } = props;
    startTask.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:RunTask'],
        resources: [taskDefinition.taskDefinitionArn],
        conditions: { ArnEquals: { 'ecs:cluster': props.cluster.clusterArn } },
      }),
    );
    startTask.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [taskDefinition.taskRole.roleArn, taskDefinition.obtainExecutionRole().roleArn],
      }),
    );
    checkTask.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:DescribeTasks'],
        resources: ['*'],
        conditions: { ArnEquals: { 'ecs:cluster': props.cluster.clusterArn } },
      }),
    );
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: startTask,
      isCompleteHandler: checkTask,
      queryInterval: Duration.seconds(15),
      totalTimeout: Duration.minutes(30),
    });
    suppressProviderFindings(provider);
    NagSuppressions.addResourceSuppressions(
      checkTask,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'DescribeTasks takes task ARNs unknown until the task starts; the condition holds it to this cluster',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
    this.resource = new CustomResource(this, 'Migrate', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::VidStreamMigration',
      properties: {
        Cluster: props.cluster.clusterArn,
        TaskDefinitionArn: taskDefinition.taskDefinitionArn,
        ContainerName: taskDefinition.defaultContainer?.containerName ?? 'vidstream',
        Subnets: props.subnets.map((subnet) => subnet.subnetId),
        SecurityGroups: [props.securityGroup.securityGroupId],
      },
    });
  }
}
