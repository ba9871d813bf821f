// A Lambda function bundled from a TypeScript file in lambda/ with every dependency it imports, so it runs
// on the same SDK versions our lock file names.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, aws_lambda as lambda, aws_logs as logs, aws_lambda_nodejs as nodejs } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

const LAMBDA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../lambda');
const LOCK_FILE = path.resolve(LAMBDA_DIR, '../../../package-lock.json');

export function bundledFunction(
  scope: Construct,
  id: string,
  file: string,
  handler: string,
): nodejs.NodejsFunction {
  const bundled = new nodejs.NodejsFunction(scope, id, {
    entry: path.join(LAMBDA_DIR, file),
    handler,
    depsLockFilePath: LOCK_FILE,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    timeout: Duration.minutes(1),
    bundling: { externalModules: [], format: nodejs.OutputFormat.ESM, minify: true },
    logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH }),
  });
  suppressProviderFindings(bundled);
  return bundled;
}

/**
 * The findings every custom resource function here shares, and the Provider framework's own functions
 * and state machine (`scope` and everything below it).
 */
export function suppressProviderFindings(scope: Construct): void {
  NagSuppressions.addResourceSuppressions(
    scope,
    [
      {
        id: 'AwsSolutions-IAM4',
        reason: 'AWSLambdaBasicExecutionRole only lets a deploy-time function write its own logs',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason: 'The Provider framework invokes its handler functions by ARN with any version qualifier (:*)',
        appliesTo: [{ regex: '/^Resource::<.+\\.Arn>:\\*$/g' }],
      },
      {
        id: 'AwsSolutions-SF1',
        reason: 'The Provider waiter only polls a deploy step; its handler functions already log every call',
      },
      {
        id: 'AwsSolutions-SF2',
        reason: 'Tracing a deploy-time waiter that runs once per deploy would show nothing its logs do not',
      },
    ],
    true,
  );
}
