// MinIO's global CORS rule (MINIO_API_CORS_ALLOW_ORIGIN) for the stand-in: the origins listed may call
// every bucket, and read the ETag header an upload needs from each part's answer.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** The headers an answer to this origin carries; undefined when the origin is not allowed (or absent). */
export function corsHeaders(
  allowed: string[],
  origin: string | undefined,
): Record<string, string> | undefined {
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'ETag, Content-Length, Content-Range, Accept-Ranges, Last-Modified',
    vary: 'Origin',
  };
}

/** Answers a preflight: every method and the headers asked for when the origin is allowed, 403 if not. */
export function preflight(
  response: ServerResponse,
  cors: Record<string, string> | undefined,
  headers: IncomingHttpHeaders,
): void {
  if (!cors || !headers['access-control-request-method']) {
    response.writeHead(403).end();
    return;
  }
  response.writeHead(204, {
    ...cors,
    'access-control-allow-methods': 'GET, PUT, HEAD, POST, DELETE, OPTIONS, PATCH',
    'access-control-allow-headers': headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '3600',
  });
  response.end();
}
