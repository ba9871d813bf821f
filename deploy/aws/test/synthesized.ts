// Synthesizes the stack once per configuration for a test file, offline: a fixed account, region and zones.
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VidStreamStack, type VidStreamStackProps } from '../lib/vidstream-stack.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const CERTIFICATE_ARN = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/00000000-0000-0000-0000-000000000000`;

export interface Synthesized {
  stack: VidStreamStack;
  template: Template;
  annotations: Annotations;
}

const synthesized = new Map<string, Synthesized>();

export function synthesize(options: Partial<VidStreamStackProps> = {}): Synthesized {
  const key = JSON.stringify(options);
  let found = synthesized.get(key);
  if (!found) {
    const app = new App({
      context: {
        [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: [
          `${REGION}a`,
          `${REGION}b`,
          `${REGION}c`,
        ],
      },
    });
    const stack = new VidStreamStack(app, 'VidStream', {
      env: { account: ACCOUNT, region: REGION },
      imageRepository: 'vidstream',
      imageTag: 'v1',
      ...options,
    });
    Aspects.of(app).add(new AwsSolutionsChecks());
    found = { stack, template: Template.fromStack(stack), annotations: Annotations.fromStack(stack) };
    synthesized.set(key, found);
  }
  return found;
}

/** The one container of the task definition whose logical id starts with `taskPrefix`. */
export function taskContainer(template: Template, taskPrefix: string) {
  const [task] = Object.entries(template.findResources('AWS::ECS::TaskDefinition')).filter(([id]) =>
    id.startsWith(taskPrefix),
  );
  if (!task) throw new Error(`no task definition ${taskPrefix}…`);
  return task[1].Properties.ContainerDefinitions[0];
}

/** That container's plain environment, by name. */
export function taskEnvironment(template: Template, taskPrefix: string): Record<string, unknown> {
  const environment: { Name: string; Value: unknown }[] = taskContainer(template, taskPrefix).Environment;
  return Object.fromEntries(environment.map(({ Name, Value }) => [Name, Value]));
}
