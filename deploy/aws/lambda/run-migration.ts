// Custom resource: runs `vidstream migrate` as a one-off ECS task and reports success only when it exits
// with 0, so CloudFormation updates the services after the schema is in place, and not at all otherwise.
import { DescribeTasksCommand, ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

const ecs = new ECSClient({});

interface MigrationProperties {
  Cluster: string;
  TaskDefinitionArn: string;
  ContainerName: string;
  Subnets: string[];
  SecurityGroups: string[];
}

/** Starts the task on create and on every update (a new image is a new task definition). */
export async function onEvent(event: CloudFormationCustomResourceEvent) {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const properties = event.ResourceProperties as unknown as MigrationProperties;
  const started = await ecs.send(
    new RunTaskCommand({
      cluster: properties.Cluster,
      taskDefinition: properties.TaskDefinitionArn,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: properties.Subnets, securityGroups: properties.SecurityGroups },
      },
      overrides: { containerOverrides: [{ name: properties.ContainerName, command: ['migrate'] }] },
      startedBy: 'vidstream-migrate',
    }),
  );
  const taskArn = started.tasks?.[0]?.taskArn;
  if (!taskArn) throw new Error(`migrate task not started: ${JSON.stringify(started.failures)}`);
  return { PhysicalResourceId: taskArn };
}

/** Asked every few seconds by the provider until the task has stopped. */
export async function isComplete(event: CloudFormationCustomResourceEvent & { PhysicalResourceId: string }) {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  const { Cluster } = event.ResourceProperties as unknown as MigrationProperties;
  const { tasks } = await ecs.send(
    new DescribeTasksCommand({ cluster: Cluster, tasks: [event.PhysicalResourceId] }),
  );
  const task = tasks?.[0];
  if (task?.lastStatus !== 'STOPPED') return { IsComplete: false };
  const exitCode = task.containers?.[0]?.exitCode;
  if (exitCode !== 0) {
    throw new Error(
      `vidstream migrate stopped with exit code ${exitCode ?? 'none'}: ${task.stoppedReason ?? ''}`,
    );
  }
  return { IsComplete: true };
}
