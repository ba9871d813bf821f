// CloudFront Function (runtime cloudfront-js-2.0), viewer request: lets a video file through only with a
// valid playback token, as the API's own /media route does (server/src/services/media/playback-tokens.ts).
// `/t/{expiry}.{version}.{signature}/videos/{id}/{file}` → `/videos/{id}/{file}` when the token is this
// video's, unexpired, and not below the video's minimum playback version; `/avatars/{channel}/{name}.webp`
// passes as it is; anything else is refused with 403.
// The signing key is derived from SESSION_SECRET at deploy time and read from the key value store, so it
// never appears in the template or in this code. The same store holds `min-version-{id}` for each video
// whose URLs were revoked in the last hours (server/src/services/media/cdn-revocation.service.ts); none
// means 0. It runs on every request, cache hits included, so a revoked URL is refused even for files the
// edge still holds. A store it cannot read refuses: without the key nothing can be checked, and a video
// made private must not play because the edge could not tell (the store is read at the edge, so such a
// failure is rare and brief; players retry).
import cf from 'cloudfront';
// biome-ignore lint/style/useNodejsImportProtocol: the CloudFront runtime knows its module as 'crypto' only
import crypto from 'crypto';

const keyValueStore = cf.kvs();
const PLAYBACK_KEY = 'playback-key-v1';
const MIN_VERSION_PREFIX = 'min-version-';

// The same names the transcode writes (server/src/domain/video-files.ts): one optional folder, one file.
const VIDEO_FILE =
  /^\/t\/([0-9a-z]{1,11})\.([0-9a-z]{1,6})\.([A-Za-z0-9_-]{22})\/videos\/([A-Za-z0-9_-]{11})\/((?:[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/)?[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(?:m3u8|m4s|mp4|jpg|vtt))$/;
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
  const expiresAt = parseInt(match[1], 36);
  const version = parseInt(match[2], 36);
  const signature = match[3];
  const videoId = match[4];
  if (Date.now() / 1000 >= expiresAt) return forbidden();

  let keyHex;
  try {
    keyHex = await keyValueStore.get(PLAYBACK_KEY);
  } catch (_missing) {
    return forbidden();
  }
  // 128 bits of HMAC-SHA256(key, videoId + "\n" + version + "\n" + expiry), base64url, as the server signs them.
  const expected = crypto
    .createHmac('sha256', Buffer.from(keyHex, 'hex'))
    .update(`${videoId}\n${version}\n${expiresAt}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
  if (!sameText(signature, expected)) return forbidden();

  // Never revoked, or not in the last hours: no entry, and every version stands. `exists` tells that apart
  // from a store that cannot be read, where `get` would throw alike.
  let minVersion = 0;
  try {
    const revocation = MIN_VERSION_PREFIX + videoId;
    if (await keyValueStore.exists(revocation))
      minVersion = parseInt(await keyValueStore.get(revocation), 10);
  } catch (_unreadable) {
    return forbidden();
  }
  // Written as a refusal of anything not at least the minimum, so an unreadable entry refuses too.
  if (!(version >= minVersion)) return forbidden();

  request.uri = `/videos/${videoId}/${match[5]}`;
  return request;
}
