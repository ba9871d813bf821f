// A local HTTP server standing in for the CloudFront key value store API (AWS is not reachable here), to
// see the requests VidStream sends: it keeps keys and an ETag that every write changes, as the real store
// does, and records each request. It checks no signature. `client()` is an SDK client pointed at it: the
// SDK puts the account id in front of the endpoint's host, which a lookup sends back to 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';

export const STORE_ACCOUNT = '123456789012';
export const STORE_ARN = `arn:aws:cloudfront::${STORE_ACCOUNT}:key-value-store/0b7f9c1e-3f5a-4c2d-9e8b-1a2b3c4d5e6f`;

export interface RecordedRequest {
  method: string;
  /** The path below `/key-value-stores/{arn}`, decoded: '' for the store, `/keys/{key}` for a key. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface KeyValueStoreStandIn {
  entries: Map<string, string>;
  requests: RecordedRequest[];
  /** The store's ETag now. */
  etag(): string;
  /** Runs once, between the next write's arrival and its ETag check: another writer getting in first. */
  beforeNextWrite(change: () => void): void;
  /** Answers the next `count` requests with 500. */
  failNext(count: number): void;
  client(): CloudFrontKeyValueStoreClient;
  close(): Promise<void>;
}

export async function startKeyValueStoreStandIn(): Promise<KeyValueStoreStandIn> {
  const entries = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  let version = 1;
  let interference: (() => void) | undefined;
  let failures = 0;
  const etag = () => `ETVPDKIKX0DER${version}`;
  const size = () => [...entries].reduce((total, [key, value]) => total + key.length + value.length, 0);
  const answer = (response: http.ServerResponse, status: number, body: object, headers = {}) =>
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const refuse = (response: http.ServerResponse, status: number, type: string) =>
    answer(response, status, { message: type }, { 'x-amzn-errortype': type });

  const server = http.createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const prefix = `/key-value-stores/${encodeURIComponent(STORE_ARN)}`;
    const url = request.url ?? '';
    const path = url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : url;
    const method = request.method ?? '';
    requests.push({ method, path, headers: request.headers, body });
    if (failures > 0) {
      failures -= 1;
      return refuse(response, 500, 'InternalServerException');
    }
    if (!url.startsWith(prefix)) return refuse(response, 404, 'ResourceNotFoundException');
    const counts = { ItemCount: entries.size, TotalSizeInBytes: size() };
    if (path === '' && method === 'GET') {
      const store = { ...counts, KvsARN: STORE_ARN, Created: 1_700_000_000, Status: 'READY' };
      return answer(response, 200, store, { etag: etag() });
    }
    const key = path.match(/^\/keys\/(.+)$/)?.[1];
    if (key === undefined) return refuse(response, 400, 'ValidationException');
    if (method === 'GET') {
      const value = entries.get(key);
      if (value === undefined) return refuse(response, 404, 'ResourceNotFoundException');
      return answer(response, 200, { Key: key, Value: value, ...counts });
    }
    const interfere = interference;
    interference = undefined;
    interfere?.();
    if (request.headers['if-match'] !== etag()) return refuse(response, 409, 'ConflictException');
    if (method === 'PUT') entries.set(key, (JSON.parse(body) as { Value: string }).Value);
    else if (method === 'DELETE' && !entries.delete(key))
      return refuse(response, 404, 'ResourceNotFoundException');
    version += 1;
    return answer(response, 200, { ItemCount: entries.size, TotalSizeInBytes: size() }, { etag: etag() });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ lookup: toLoopback as never });

  return {
    entries,
    requests,
    etag,
    beforeNextWrite(change) {
      interference = () => {
        change();
        version += 1;
      };
    },
    failNext(count) {
      failures = count;
    },
    client: () =>
      new CloudFrontKeyValueStoreClient({
        region: 'us-east-1',
        endpoint: `http://localhost:${port}`,
        credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' },
        requestHandler: { httpAgent: agent },
        maxAttempts: 1,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every host name is this machine: `{account}.localhost` included. */
function toLoopback(
  _hostname: string,
  options: { all?: boolean },
  callback: (error: null, address: string | { address: string; family: number }[], family?: number) => void,
): void {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}
