// The policies of the synthesized template as AWS would evaluate them: intrinsic functions resolved to
// stand-in ARNs (a bucket's name is its logical id in lower case), the policies attached to each task's
// role, and each bucket's own policy. Anything this cannot resolve fails loudly rather than guess.
import type { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './synthesized.js';

export interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: string | string[];
  [other: string]: unknown;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

export class TemplatePolicies {
  private readonly resources: Resources;

  constructor(template: Template) {
    const resources = template.toJSON().Resources as Record<
      string,
      { Type: string; Properties?: Record<string, unknown> }
    >;
    this.resources = Object.fromEntries(
      Object.entries(resources).map(([id, { Type, Properties }]) => [
        id,
        { Type, Properties: Properties ?? {} },
      ]),
    );
  }

  /** The ARN a resource gets, from its logical id. */
  arnOf(logicalId: string): string {
    const type = this.resources[logicalId]?.Type;
    if (type === 'AWS::S3::Bucket') return `arn:aws:s3:::${logicalId.toLowerCase()}`;
    if (type === 'AWS::CloudFront::KeyValueStore')
      return `arn:aws:cloudfront::${ACCOUNT}:key-value-store/${logicalId.toLowerCase()}`;
    if (type === 'AWS::IAM::Role') return `arn:aws:iam::${ACCOUNT}:role/${logicalId}`;
    throw new Error(`no stand-in ARN for ${logicalId} (${type})`);
  }

  /** The one resource of `type` whose logical id starts with `prefix`. */
  logicalId(type: string, prefix: string): string {
    const found = Object.keys(this.resources).filter(
      (id) => id.startsWith(prefix) && this.resources[id]?.Type === type,
    );
    if (found.length !== 1) throw new Error(`${found.length} resources ${type} named ${prefix}…`);
    return found[0] as string;
  }

  /** The task role of the task definition that runs `command` (`api`, `worker`). */
  taskRoleRunning(command: string): string {
    const tasks = Object.entries(this.resources).filter(([, resource]) => {
      if (resource.Type !== 'AWS::ECS::TaskDefinition') return false;
      const [container] = (resource.Properties.ContainerDefinitions ?? []) as { Command?: string[] }[];
      return JSON.stringify(container?.Command) === JSON.stringify([command]);
    });
    if (tasks.length !== 1) throw new Error(`${tasks.length} task definitions run ${command}`);
    return this.roleOfTask(tasks[0]?.[0] as string);
  }

  /** The task role `vidstream migrate` runs with: that of the task definition the deploy step starts. */
  migrationTaskRole(): string {
    const runTask = Object.values(this.resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => statement.Action === 'ecs:RunTask');
    if (runTask.length !== 1) throw new Error(`${runTask.length} statements allow ecs:RunTask`);
    const task = (runTask[0]?.Resource as { Ref?: string } | undefined)?.Ref;
    if (!task) throw new Error('ecs:RunTask is not granted on one task definition');
    return this.roleOfTask(task);
  }

  /** The policies attached to a role, resolved; a role with inline or managed policies is refused. */
  identityPolicies(roleId: string): { name: string; policy: PolicyDocument }[] {
    const role = this.resources[roleId]?.Properties ?? {};
    if (role.Policies || role.ManagedPolicyArns)
      throw new Error(`${roleId} has inline or managed policies this evaluation does not read`);
    return Object.entries(this.resources)
      .filter(
        ([, resource]) =>
          resource.Type === 'AWS::IAM::Policy' &&
          (resource.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId),
      )
      .map(([name, resource]) => ({
        name,
        policy: this.resolve(resource.Properties.PolicyDocument) as PolicyDocument,
      }));
  }

  /** The bucket's own policy, resolved. */
  bucketPolicy(bucketId: string): PolicyDocument | undefined {
    const policy = Object.values(this.resources).find(
      (resource) =>
        resource.Type === 'AWS::S3::BucketPolicy' &&
        (resource.Properties.Bucket as { Ref?: string }).Ref === bucketId,
    );
    return policy && (this.resolve(policy.Properties.PolicyDocument) as PolicyDocument);
  }

  private roleOfTask(taskId: string): string {
    const arn = this.resources[taskId]?.Properties.TaskRoleArn as { 'Fn::GetAtt'?: string[] } | undefined;
    const role = arn?.['Fn::GetAtt']?.[0];
    if (!role) throw new Error(`${taskId} has no task role of this stack`);
    return role;
  }

  /** A template value with Ref, Fn::GetAtt (Arn) and Fn::Join replaced by what they stand for. */
  private resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [name, argument] = entries[0] ?? [];
    if (entries.length === 1 && name === 'Ref') return this.reference(argument as string);
    if (entries.length === 1 && name === 'Fn::GetAtt') {
      const [id, attribute] = argument as [string, string];
      if (attribute !== 'Arn') throw new Error(`cannot resolve ${id}.${attribute}`);
      return this.arnOf(id);
    }
    if (entries.length === 1 && name === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map((part) => this.resolve(part)).join(separator);
    }
    if (entries.length === 1 && name?.startsWith('Fn::')) throw new Error(`cannot resolve ${name}`);
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item)]));
  }

  private reference(name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Partition': 'aws',
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    return pseudo[name] ?? name.toLowerCase();
  }
}
