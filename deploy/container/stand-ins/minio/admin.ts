// The few routes of MinIO's admin API that compose's bucket setup (init-buckets.sh, through mc) calls, on
// MinIO's paths: add a user, read a user's status and policies, attach a policy. Only root may call them.
// MinIO encrypts these bodies with the root secret; the stand-in takes them as JSON, signed and checked.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasValidHeaderSignature } from './sigv4.ts';
import { READ_WRITE, type Users } from './users.ts';

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  reply(response, status, { Code: code, Message: message });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function handleAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  users: Users,
  onUsersChanged: () => void,
): Promise<void> {
  const body = await readBody(request);
  const signedByRoot =
    request.headers['x-amz-content-sha256'] === createHash('sha256').update(body).digest('hex') &&
    (await hasValidHeaderSignature(
      { method: request.method ?? 'GET', url, headers: request.headers },
      (key) => (key === users.root.accessKey ? users.root.secretKey : undefined),
    ));
  if (!signedByRoot) return refuse(response, 403, 'AccessDenied', 'Access Denied.');

  const route = `${request.method} ${url.pathname}`;
  const accessKey = url.searchParams.get('accessKey') ?? '';
  if (route === 'PUT /minio/admin/v3/add-user') {
    const { secretKey } = JSON.parse(body) as { secretKey?: string };
    if (!accessKey || !secretKey || secretKey.length < 8)
      return refuse(response, 400, 'XMinioAdminInvalidArgument', 'Invalid access key or secret key.');
    users.put(accessKey, secretKey);
    onUsersChanged();
    return reply(response, 200, {});
  }
  if (route === 'GET /minio/admin/v3/user-info') {
    const user = users.get(accessKey);
    if (!user) return refuse(response, 404, 'XMinioAdminNoSuchUser', `The specified user does not exist.`);
    return reply(response, 200, { status: 'enabled', policyName: user.policies.join(',') });
  }
  if (route === 'POST /minio/admin/v3/idp/builtin/policy/attach') {
    const { policies = [], user = '' } = JSON.parse(body) as { policies?: string[]; user?: string };
    const found = users.get(user);
    if (!found) return refuse(response, 404, 'XMinioAdminNoSuchUser', 'The specified user does not exist.');
    if (policies.length === 0 || policies.some((policy) => policy !== READ_WRITE))
      return refuse(
        response,
        404,
        'XMinioAdminNoSuchPolicy',
        'The stand-in knows only the readwrite policy.',
      );
    if (policies.some((policy) => found.policies.includes(policy)))
      return refuse(
        response,
        400,
        'XMinioAdminPolicyChangeAlreadyApplied',
        'The specified policy change is already in effect.',
      );
    for (const policy of policies) users.attach(user, policy);
    return reply(response, 200, {});
  }
  refuse(response, 501, 'NotImplemented', `${route} is not part of the stand-in.`);
}
