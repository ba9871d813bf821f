// Permissions from the code: every call the server suite recorded for a role (recorded-calls.json) is
// evaluated against that role's policies in the synthesized stack, with the buckets' own policies, by an
// offline IAM evaluator. Each call must be allowed, and each action a role is granted on each resource
// must be needed by some call: a grant nothing uses is a grant too many.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import {
  type IamRequest,
  iamRequest,
  type Role,
  recordedCalls,
  STACK_RESOURCES,
} from './recorded-requests.js';
import { synthesize } from './synthesized.js';
import { type PolicyDocument, TemplatePolicies } from './template-policies.js';

const policies = new TemplatePolicies(synthesize().template);

/** The role each process runs as: its task's role; `vidstream migrate` runs as the deploy step starts it. */
const roleOf: Record<Role, string> = {
  api: policies.taskRoleRunning('api'),
  worker: policies.taskRoleRunning('worker'),
  migrate: policies.migrationTaskRole(),
};

function requestsOf(role: Role): IamRequest[] {
  return recordedCalls[role].map((call) => {
    const place = STACK_RESOURCES[call.resource];
    if (!place) throw new Error(`recorded resource ${call.resource} is not in STACK_RESOURCES`);
    const logicalId = policies.logicalId(place.type, place.prefix);
    return iamRequest(call, policies.arnOf(logicalId), logicalId);
  });
}

/** Evaluates `request` made by `roleId` under `identity` (and the bucket's policy, for S3). */
async function decide(
  roleId: string,
  request: IamRequest,
  identity: { name: string; policy: PolicyDocument }[],
  withResourcePolicy = true,
): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: policies.arnOf(roleId),
        action: request.action,
        resource: { resource: request.resource, accountId: '123456789012' },
        contextVariables: request.context,
      },
      identityPolicies: identity,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy:
        withResourcePolicy && request.bucket ? policies.bucketPolicy(request.bucket) : undefined,
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`${request.call}: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

/** Every action × resource pair a role's policies allow, each as a policy of its own. */
function grantsOf(roleId: string): { grant: string; policy: PolicyDocument }[] {
  return policies.identityPolicies(roleId).flatMap(({ policy }) =>
    policy.Statement.flatMap((statement) => {
      const { Effect, Action, Resource, Sid: _sid, ...rest } = statement;
      if (Effect !== 'Allow' || !Action || !Resource || Object.keys(rest).length > 0)
        throw new Error(`a statement this check does not split: ${JSON.stringify(statement)}`);
      return [Action].flat().flatMap((action) =>
        [Resource].flat().map((resource) => ({
          grant: `${action} on ${resource}`,
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow' as const, Action: action, Resource: resource }],
          },
        })),
      );
    }),
  );
}

describe('what each role is granted, against what its code calls', () => {
  it('records calls for every role, the chunked transcode among the worker’s', () => {
    expect(Object.keys(recordedCalls).sort()).toEqual(['api', 'migrate', 'worker']);
    expect(recordedCalls.worker).toContainEqual(
      expect.objectContaining({
        operation: 'PutObject',
        resource: 'raw',
        key: 'videos/{id}/pieces/chunk-{n}.mkv',
      }),
    );
  });

  it('refuses what no grant covers: a worker writing an avatar, an API writing a video’s files', async () => {
    const processed = policies.logicalId('AWS::S3::Bucket', 'BucketsProcessed');
    const outside = (role: Role, operation: string, key: string) =>
      decide(
        roleOf[role],
        iamRequest(
          { service: 's3', operation, resource: 'processed', key },
          policies.arnOf(processed),
          processed,
        ),
        policies.identityPolicies(roleOf[role]),
      );
    expect(await outside('worker', 'PutObject', 'avatars/{id}/{name}.webp')).toBe('ImplicitlyDenied');
    expect(await outside('api', 'PutObject', 'videos/{id}/master.m3u8')).toBe('ImplicitlyDenied');
  });

  for (const role of ['api', 'worker', 'migrate'] as const) {
    it(`allows every call the ${role} makes`, async () => {
      const roleId = roleOf[role];
      const identity = policies.identityPolicies(roleId);
      const denied: string[] = [];
      for (const request of requestsOf(role)) {
        const outcome = await decide(roleId, request, identity);
        if (outcome !== 'Allowed')
          denied.push(`${request.call}: ${request.action} on ${request.resource} ${outcome}`);
      }
      expect(denied).toEqual([]);
    });
  }

  for (const role of ['api', 'worker'] as const) {
    it(`grants the ${role} nothing its calls do not need`, async () => {
      const roleId = roleOf[role];
      // Processes that run as the same role share its grants: migrate runs as the API's task role.
      const sharing = (['api', 'worker', 'migrate'] as const).filter((other) => roleOf[other] === roleId);
      const requests = sharing.flatMap(requestsOf);
      const unused: string[] = [];
      for (const { grant, policy } of grantsOf(roleId)) {
        let used = false;
        for (const request of requests) {
          if ((await decide(roleId, request, [{ name: 'grant', policy }], false)) === 'Allowed') {
            used = true;
            break;
          }
        }
        if (!used) unused.push(grant);
      }
      expect(unused).toEqual([]);
    });
  }
});
