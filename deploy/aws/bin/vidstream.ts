// The CDK app: `npx cdk deploy -c imageRepository=vidstream -c imageTag=<tag>` (docs/deploy.md).
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VidStreamStack } from '../lib/vidstream-stack.js';

const app = new App();
const context = (name: string): string | undefined => app.node.tryGetContext(name) ?? undefined;
const required = (name: string): string => {
  const value = context(name);
  if (!value) throw new Error(`context value "${name}" is required: cdk deploy -c ${name}=...`);
  return value;
};

new VidStreamStack(app, context('stackName') ?? 'VidStream', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  imageRepository: required('imageRepository'),
  imageTag: required('imageTag'),
  certificateArn: context('certificateArn'),
  publicUrl: context('publicUrl'),
  maxWorkers: context('maxWorkers') ? Number(context('maxWorkers')) : undefined,
  liveTasks: context('liveTasks') ? Number(context('liveTasks')) : undefined,
});
Aspects.of(app).add(new AwsSolutionsChecks());
