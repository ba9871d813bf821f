// Stand-in for MinIO's server (`minio server /data`) where no image can be pulled: the S3 protocol of
// s3rver (which checks SigV4 signatures and expiry), behind what compose's stack uses of MinIO: the root
// user and the users the admin API adds, private buckets, the global CORS rule and the health endpoints.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
// @ts-expect-error: the package ships no type declarations.
import S3rver from '@20minutes/s3rver';
// @ts-expect-error: the package ships no type declarations.
import AWSAccount from '@20minutes/s3rver/lib/models/account.js';
import { handleAdmin } from './admin.ts';
import { corsHeaders, preflight } from './cors.ts';
import { accessKeyOf, hasValidHeaderSignature } from './sigv4.ts';
import { Users } from './users.ts';

const [command, directory] = process.argv.slice(2);
if (command !== 'server' || !directory) {
  console.error('usage: minio server DIRECTORY');
  process.exit(2);
}
const users = new Users(directory, {
  accessKey: process.env.MINIO_ROOT_USER ?? 'minioadmin',
  secretKey: process.env.MINIO_ROOT_PASSWORD ?? 'minioadmin',
});
const allowedOrigins = (process.env.MINIO_API_CORS_ALLOW_ORIGIN ?? '*')
  .split(',')
  .map((origin) => origin.trim());

/** s3rver checks signatures against one account's keys: exactly MinIO's users, none of its own. */
function registerKeys(): void {
  const account = AWSAccount.DUMMY_ACCOUNT;
  for (const accessKey of [...account.accessKeys.keys()]) account.revokeAccessKey(accessKey);
  for (const [accessKey, secretKey] of users.keyPairs()) account.createKeyPair(accessKey, secretKey);
}
registerKeys();

// Path-style only (MinIO without MINIO_DOMAIN): `s3.localhost` is a host name, not a bucket.
const s3 = new S3rver({ directory, silent: true, vhostBuckets: false });
// The AWS SDK signs bucket-level requests over `/bucket/`, which MinIO accepts and s3rver checks as
// `/bucket`: those are checked here instead, and s3rver is told to accept them.
const checkedHere = new WeakSet<IncomingMessage>();
s3.middleware.unshift((context: { req: IncomingMessage; app: object }, next: () => Promise<unknown>) => {
  if (checkedHere.has(context.req))
    context.app = Object.create(context.app, { allowMismatchedSignatures: { value: true } });
  return next();
});
const s3Handler = s3.callback() as (request: IncomingMessage, response: ServerResponse) => void;

function s3Error(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://minio');
  if (url.pathname.startsWith('/minio/health/')) {
    response.writeHead(200).end();
    return;
  }
  const cors = corsHeaders(allowedOrigins, request.headers.origin);
  if (request.method === 'OPTIONS') return preflight(response, cors, request.headers);
  for (const [name, value] of Object.entries(cors ?? {})) response.setHeader(name, value);
  if (url.pathname.startsWith('/minio/admin/'))
    return handleAdmin(request, response, url, users, registerKeys);

  // Both buckets are private: an unsigned request, or one from a user without a policy, is refused.
  const accessKey = accessKeyOf(request.headers, url);
  if (accessKey === undefined || !users.mayUseBuckets(accessKey))
    return s3Error(response, 403, 'AccessDenied', 'Access Denied.');
  if (/^\/[^/]+\/$/.test(url.pathname) && typeof request.headers.authorization === 'string') {
    const request_ = { method: request.method ?? 'GET', url, headers: request.headers };
    if (!(await hasValidHeaderSignature(request_, (key) => users.secretOf(key))))
      return s3Error(
        response,
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match.',
      );
    checkedHere.add(request);
  }
  s3Handler(request, response);
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) s3Error(response, 500, 'InternalError', 'We encountered an internal error.');
    else response.destroy();
  });
});
server.listen(9000, () => console.info('MinIO stand-in: S3 API on :9000'));
// PID 1 in its container: without a handler SIGTERM would be ignored until the engine kills it.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());
