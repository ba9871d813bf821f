// Records what each role (api, worker, migrate) asks of AWS while a test runs: every S3 command of the
// storage client (presigned part URLs included: they act with the signer's rights) and every call to the
// CDN's key value store, with keys cut to patterns. The deploy suite checks each one against that role's
// policy in the synthesized stack (deploy/aws/test/recorded-calls.test.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';

export type Role = 'api' | 'worker' | 'migrate';

export const ROLES: Role[] = ['api', 'migrate', 'worker'];

export interface RecordedCall {
  service: 's3' | 'cloudfront-keyvaluestore';
  /** The API operation, as the SDK names it without "Command": PutObject, ListObjectsV2, GetKey… */
  operation: string;
  /** `raw` or `processed` for S3, `playback-key-store` for the CDN's key value store. */
  resource: string;
  /** The object or entry, as a pattern ({id} for a video's or channel's id, {n} for a number). */
  key?: string;
  /** A listing's prefix, as a pattern. */
  prefix?: string;
}

/** What each role called, every role listed (`vidstream migrate` calls nothing today, and says so). */
export type RecordedCalls = Record<Role, RecordedCall[]>;

/** Which roles the code running now belongs to: opening the platform is every role's first step. */
const roles = new AsyncLocalStorage<Role[]>();

export function asRoles<T>(acting: Role[], work: () => T): T {
  return roles.run(acting, work);
}

/** Runs every request `app` serves as `role`; call it before the app is ready. */
export function actAs(app: FastifyInstance, role: Role): FastifyInstance {
  app.addHook('onRequest', (_request, _reply, done) => roles.run([role], done));
  return app;
}

export class CallRecorder {
  private readonly seen = new Map<Role, Map<string, RecordedCall>>(ROLES.map((role) => [role, new Map()]));
  /** Calls made outside any role: each one is a flow the test did not attribute. */
  readonly unattributed: RecordedCall[] = [];

  /** Records the S3 commands `client` sends or presigns; `buckets` names each bucket's area. */
  recordS3(client: S3Client, buckets: Record<string, string>): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as S3Input;
        const resource = buckets[input.Bucket ?? ''] ?? `unknown bucket ${input.Bucket}`;
        const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown';
        // One DeleteObjects is a DeleteObject of each key for S3's permission check.
        const keys = input.Delete?.Objects?.map((object) => object.Key) ?? [input.Key];
        for (const key of keys) {
          this.add({
            service: 's3',
            operation,
            resource,
            ...(key !== undefined && { key: keyPattern(key) }),
            ...(input.Prefix !== undefined && { prefix: keyPattern(input.Prefix) }),
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordCall' },
    );
  }

  /** Records the calls `client` makes to the CDN's key value store. */
  recordKeyValueStore(client: CloudFrontKeyValueStoreClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const { Key } = args.input as { Key?: string };
        this.add({
          service: 'cloudfront-keyvaluestore',
          operation: context.commandName?.replace(/Command$/, '') ?? 'unknown',
          resource: 'playback-key-store',
          ...(Key !== undefined && { key: keyPattern(Key) }),
        });
        return next(args);
      },
      { step: 'initialize', name: 'recordCall' },
    );
  }

  /** Every distinct call of each role, sorted: the same flows give the same lists. */
  calls(): RecordedCalls {
    const sorted = (calls: Map<string, RecordedCall>) =>
      [...calls.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, call]) => call);
    return Object.fromEntries(
      ROLES.map((role) => [role, sorted(this.seen.get(role) ?? new Map())]),
    ) as RecordedCalls;
  }

  private add(call: RecordedCall): void {
    const acting = roles.getStore();
    if (!acting) this.unattributed.push(call);
    for (const role of acting ?? []) this.seen.get(role)?.set(JSON.stringify(call), call);
  }
}

interface S3Input {
  Bucket?: string;
  Key?: string;
  Prefix?: string;
  Delete?: { Objects?: { Key?: string }[] };
}

/**
 * A key as a pattern: the id after `videos/` or `avatars/` becomes {id}, a rung's folder {rung}, an
 * avatar's random name {name}, digits in a file's name {n}, a video's entry in the key value store
 * min-version-{id}. Stable across runs, and still says which files a role touches.
 */
export function keyPattern(key: string): string {
  const [area, id, ...rest] = key.split('/');
  if (area === 'avatars' && id !== undefined)
    return ['avatars', '{id}', ...rest.map((file) => file.replace(/^[^.]+/, '{name}'))].join('/');
  if (area === 'videos' && id !== undefined)
    return ['videos', id === '' ? '' : '{id}', ...rest.map(segmentPattern)].join('/');
  return key.replace(/^min-version-.+$/, 'min-version-{id}');
}

/** A folder or file name: a rung's folder is {rung}; digits in a name (not its extension) are {n}. */
function segmentPattern(segment: string): string {
  if (/^\d+p$/.test(segment)) return '{rung}';
  const dot = segment.lastIndexOf('.');
  const [name, extension] = dot > 0 ? [segment.slice(0, dot), segment.slice(dot)] : [segment, ''];
  return name.replace(/\d+/g, '{n}') + extension;
}
