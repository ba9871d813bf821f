// What request logs must not hold: a playback token (carried in media paths, `/t/<token>/videos/…`) or
// a signed URL's signature (`?signature=…` on local part URLs, `X-Amz-Signature` on presigned ones).
// Either is a working key to private media or to an upload until it expires, and logs travel further
// than the people the key was issued to.

const PLAYBACK_TOKEN_IN_PATH = /\/t\/[^/?#]+(?=\/videos\/)/g;
const SECRET_QUERY_VALUE =
  /([?&](?:signature|token|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&#]*/gi;

/** The URL with its playback token and signatures replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(PLAYBACK_TOKEN_IN_PATH, '/t/[redacted]').replace(SECRET_QUERY_VALUE, '$1[redacted]');
}

/** What Fastify logs of a request (its own `req` serializer's fields), with the URL redacted. */
interface LoggedRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export const requestLogSerializers = {
  req(request: LoggedRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      version: request.headers?.['accept-version'],
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
