// AWS Signature Version 4 for the MinIO stand-in, done by the AWS SDK's own signer: the client (mc) signs
// its requests with it, and the server checks a request by signing it again with the secret it knows.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' || data instanceof Uint8Array
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The SDK's hash interface over node:crypto (a key makes it an HMAC). */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

function signer(credentials: Credentials, region: string, service: string) {
  // S3 signs the path as sent, without escaping it a second time.
  return new SignatureV4({ credentials, region, service, sha256: Sha256, uriEscapePath: false });
}

/** The request's headers with its Authorization (and x-amz-date, x-amz-content-sha256) added. */
export async function sign(
  request: SignableRequest,
  credentials: Credentials,
): Promise<Record<string, string>> {
  const signed = await signer(credentials, 'us-east-1', 's3').sign({
    method: request.method,
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    port: Number(request.url.port) || undefined,
    path: request.url.pathname,
    query: Object.fromEntries(request.url.searchParams),
    headers: { ...request.headers, host: request.url.host },
    body: request.body,
  });
  return signed.headers;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** The access key a request is signed with, by header or presigned query; undefined when unsigned. */
export function accessKeyOf(
  headers: Record<string, string | string[] | undefined>,
  url: URL,
): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') return /Credential=([^/,\s]+)\//.exec(authorization)?.[1] ?? '';
  return (
    url.searchParams.get('X-Amz-Credential')?.split('/')[0] ??
    url.searchParams.get('AWSAccessKeyId') ??
    undefined
  );
}

/**
 * Whether a request signed in its Authorization header carries the signature `secretFor` gives its key:
 * the signed headers, path as sent, query and payload hash are signed again and compared.
 */
export async function hasValidHeaderSignature(
  request: { method: string; url: URL; headers: Record<string, string | string[] | undefined> },
  secretFor: (accessKeyId: string) => string | undefined,
): Promise<boolean> {
  const match = AUTHORIZATION.exec(String(request.headers.authorization ?? ''));
  const date = String(request.headers['x-amz-date'] ?? '');
  if (!match || !/^\d{8}T\d{6}Z$/.test(date)) return false;
  const [, accessKeyId = '', , region = '', service = '', signedHeaders = ''] = match;
  const secretAccessKey = secretFor(accessKeyId);
  if (secretAccessKey === undefined) return false;
  const headers = Object.fromEntries(
    signedHeaders.split(';').map((name) => [name, String(request.headers[name] ?? '')]),
  );
  const signingDate = new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13)}`,
  );
  const again = await signer({ accessKeyId, secretAccessKey }, region, service).sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: request.url.hostname,
      path: request.url.pathname,
      query: Object.fromEntries(request.url.searchParams),
      headers,
    },
    { signingDate },
  );
  const expected = Buffer.from(String(again.headers.authorization));
  const given = Buffer.from(String(request.headers.authorization));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
