// CloudFront Function (runtime cloudfront-js-2.0), viewer request: lets a video file through only with a
// valid playback token, as the API's own /media route does (server/src/services/media/playback-tokens.ts).
// `/t/{token}/videos/{id}/{file}` → `/videos/{id}/{file}` when the token is this video's and unexpired;
// `/avatars/{channel}/{name}.webp` passes as it is; anything else is refused with 403.
// The signing key is derived from SESSION_SECRET at deploy time and read from the key value store, so it
// never appears in the template or in this code.
import cf from 'cloudfront';
// biome-ignore lint/style/useNodejsImportProtocol: the CloudFront runtime knows its module as 'crypto' only
import crypto from 'crypto';

const keyValueStore = cf.kvs();
const PLAYBACK_KEY = 'playback-key-v1';

// The same names the transcode writes (server/src/domain/video-files.ts): one optional folder, one file.
const VIDEO_FILE =
  /^\/t\/([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\/videos\/([A-Za-z0-9_-]{11})\/((?:[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/)?[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(?:m3u8|m4s|mp4|jpg|vtt))$/;
const AVATAR =
  /^\/avatars\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[A-Za-z0-9_-]{1,64}\.webp$/;

function forbidden() {
  return { statusCode: 403, statusDescription: 'Forbidden' };
}

/** Compares every character, so the time taken tells nothing about where a forgery went wrong. */
function sameText(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler
async function handler(event) {
  const request = event.request;
  if (AVATAR.test(request.uri)) return request;
  const match = VIDEO_FILE.exec(request.uri);
  if (!match) return forbidden();
  const expiry = match[1];
  const signature = match[2];
  const videoId = match[3];
  const expiresAt = parseInt(expiry, 36);
  if (Date.now() / 1000 >= expiresAt) return forbidden();

  let keyHex;
  try {
    keyHex = await keyValueStore.get(PLAYBACK_KEY);
  } catch (_missing) {
    return forbidden();
  }
  // 128 bits of HMAC-SHA256(key, videoId + "\n" + expiry), base64url, as the server signs them.
  const expected = crypto
    .createHmac('sha256', Buffer.from(keyHex, 'hex'))
    .update(`${videoId}\n${expiresAt}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
  if (!sameText(signature, expected)) return forbidden();

  request.uri = `/videos/${videoId}/${match[4]}`;
  return request;
}
