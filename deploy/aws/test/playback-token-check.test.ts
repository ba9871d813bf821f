// Runs the CloudFront Function's own file against tokens the server's PlaybackTokens mints. Only the
// runtime's glue is stood in for: its `cloudfront` module (a key value store holding what the deploy-time
// custom resource writes) and `crypto`, which is Node's, as the runtime's is a subset of it.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { minVersionKey } from '../../../server/src/adapters/cdn/cdn-revocation-store.js';
import { PlaybackTokens } from '../../../server/src/services/media/playback-tokens.js';
import { derivePlaybackKey, PLAYBACK_KEY_NAME } from '../lambda/playback-key.js';

const FUNCTION_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../functions/playback-token-check.js',
);
const SECRET = 'a-session-secret-of-at-least-32-characters';
const VIDEO = 'dQw4w9WgXcQ';
const OTHER_VIDEO = 'AAAAAAAAAAA';

interface ViewerRequest {
  uri: string;
}
type Handler = (event: { request: ViewerRequest }) => Promise<ViewerRequest | { statusCode: number }>;

/**
 * The function's code with its two runtime imports handed in as parameters. `unreadable` names keys whose
 * reads fail as a store that cannot be read fails, whether the key is there or not.
 */
function loadHandler(
  store: Map<string, string>,
  unreadable: (key: string) => boolean = () => false,
): Handler {
  const source = readFileSync(FUNCTION_FILE, 'utf8');
  const imports = /^import (\w+) from '(cloudfront|crypto)';$/gm;
  expect([...source.matchAll(imports)].map((match) => match[2])).toEqual(['cloudfront', 'crypto']);
  const cloudfront = {
    kvs: () => ({
      async get(key: string) {
        if (unreadable(key)) throw new Error('the key value store could not be read');
        const value = store.get(key);
        if (value === undefined) throw new Error(`key not found: ${key}`);
        return value;
      },
      async exists(key: string) {
        if (unreadable(key)) throw new Error('the key value store could not be read');
        return store.has(key);
      },
    }),
  };
  const body = `${source.replace(imports, '')}\nreturn handler;`;
  return new Function('cf', 'crypto', body)(cloudfront, crypto) as Handler;
}

/** What the deploy-time custom resource writes, and what the API's revocation jobs add and take out. */
const store = new Map([[PLAYBACK_KEY_NAME, derivePlaybackKey(SECRET)]]);
const handler = loadHandler(store);
const tokens = new PlaybackTokens({ secret: SECRET, ttlSeconds: 3600, windowSeconds: 600 });
const request = (uri: string) => handler({ request: { uri } });
const now = () => Math.floor(Date.now() / 1000);

describe('the CloudFront playback-token check', () => {
  it('lets a valid token through and strips it, leaving the processed bucket key', async () => {
    const token = tokens.issue(VIDEO, 0);
    for (const file of [
      'master.m3u8',
      '720p/segment-00001.m4s',
      'audio/init.mp4',
      'poster.jpg',
      'storyboard.vtt',
    ]) {
      expect(await request(`/t/${token}/videos/${VIDEO}/${file}`)).toEqual({
        uri: `/videos/${VIDEO}/${file}`,
      });
    }
  });

  it('refuses an expired token', async () => {
    const expired = tokens.issue(VIDEO, 0, now() - 7200);
    expect(tokens.check(expired, VIDEO)).toEqual({ refusal: 'expired' });
    expect(await request(`/t/${expired}/videos/${VIDEO}/master.m3u8`)).toMatchObject({ statusCode: 403 });
  });

  it('refuses a forged token: another secret, a changed signature, a moved expiry, a raised version', async () => {
    const forged = new PlaybackTokens({
      secret: 'another-secret-of-at-least-32-characters!',
      ttlSeconds: 3600,
      windowSeconds: 600,
    });
    const token = tokens.issue(VIDEO, 0);
    const [expiry = '', version = '', signature = ''] = token.split('.');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const later = (Number.parseInt(expiry, 36) + 600).toString(36);
    for (const bad of [
      forged.issue(VIDEO, 0),
      `${expiry}.${version}.${flipped}`,
      `${later}.${version}.${signature}`,
      `${expiry}.1.${signature}`,
      `${expiry}.${signature}`, // the token shape before versions
    ]) {
      expect(await request(`/t/${bad}/videos/${VIDEO}/master.m3u8`)).toMatchObject({ statusCode: 403 });
    }
  });

  it("refuses a token below the video's minimum version, once the API has revoked it", async () => {
    const kept = tokens.issue(VIDEO, 0);
    const other = tokens.issue(OTHER_VIDEO, 0);
    store.set(minVersionKey(VIDEO), '1');
    try {
      for (const file of ['master.m3u8', '720p/segment-00001.m4s']) {
        expect(await request(`/t/${kept}/videos/${VIDEO}/${file}`)).toMatchObject({ statusCode: 403 });
      }
      for (const current of [tokens.issue(VIDEO, 1), tokens.issue(VIDEO, 2)]) {
        expect(await request(`/t/${current}/videos/${VIDEO}/master.m3u8`)).toEqual({
          uri: `/videos/${VIDEO}/master.m3u8`,
        });
      }
      // Another video's minimum is its own.
      expect(await request(`/t/${other}/videos/${OTHER_VIDEO}/master.m3u8`)).toEqual({
        uri: `/videos/${OTHER_VIDEO}/master.m3u8`,
      });
      // An entry the function cannot read as a number refuses rather than lets through.
      store.set(minVersionKey(VIDEO), 'garbled');
      expect(await request(`/t/${tokens.issue(VIDEO, 5)}/videos/${VIDEO}/master.m3u8`)).toMatchObject({
        statusCode: 403,
      });
    } finally {
      store.delete(minVersionKey(VIDEO));
    }
    // Taken out once every older token has expired: no minimum, every version stands.
    expect(await request(`/t/${kept}/videos/${VIDEO}/master.m3u8`)).toEqual({
      uri: `/videos/${VIDEO}/master.m3u8`,
    });
  });

  it("refuses another video's token", async () => {
    expect(await request(`/t/${tokens.issue(OTHER_VIDEO, 0)}/videos/${VIDEO}/master.m3u8`)).toMatchObject({
      statusCode: 403,
    });
  });

  it('refuses malformed paths', async () => {
    const token = tokens.issue(VIDEO, 0);
    for (const uri of [
      `/videos/${VIDEO}/master.m3u8`, // no token
      `/t//videos/${VIDEO}/master.m3u8`,
      `/t/${token}/videos/${VIDEO}/../${OTHER_VIDEO}/master.m3u8`,
      `/t/${token}/videos/${VIDEO}/720p/../../x.m3u8`,
      `/t/${token}/avatars/${VIDEO}/master.m3u8`, // wrong prefix
      `/x/${token}/videos/${VIDEO}/master.m3u8`,
      `/t/${token}/videos/${VIDEO}/master.m3u8%00`, // bad characters
      `/t/${token}/videos/${VIDEO}/mäster.m3u8`,
      `/t/${token}/videos/${VIDEO}/source`, // not a published file name
      `/t/${token}/videos/${VIDEO}/a/b/c.m4s`,
      `/t/${token}/videos/${VIDEO}`,
    ]) {
      expect(await request(uri), uri).toMatchObject({ statusCode: 403 });
    }
  });

  it('lets channel avatars through unchanged, and nothing else untokened', async () => {
    const avatar = '/avatars/0b7f9c1e-3f5a-4c2d-9e8b-1a2b3c4d5e6f/Xy_9-abc.webp';
    expect(await request(avatar)).toEqual({ uri: avatar });
    expect(await request('/avatars/not-a-channel/Xy.webp')).toMatchObject({ statusCode: 403 });
  });

  it('refuses a token while the store cannot say whether its video was revoked', async () => {
    const uri = `/t/${tokens.issue(VIDEO, 0)}/videos/${VIDEO}/master.m3u8`;
    const revocationsUnreadable = loadHandler(store, (key) => key === minVersionKey(VIDEO));
    expect(await revocationsUnreadable({ request: { uri } })).toMatchObject({ statusCode: 403 });
    const keyUnreadable = loadHandler(store, (key) => key === PLAYBACK_KEY_NAME);
    expect(await keyUnreadable({ request: { uri } })).toMatchObject({ statusCode: 403 });
    // The same request plays from a store that answers.
    expect(await request(uri)).toEqual({ uri: `/videos/${VIDEO}/master.m3u8` });
  });

  it('refuses everything while the key value store holds no key', async () => {
    const withoutKey = loadHandler(new Map());
    expect(
      await withoutKey({ request: { uri: `/t/${tokens.issue(VIDEO, 0)}/videos/${VIDEO}/master.m3u8` } }),
    ).toMatchObject({ statusCode: 403 });
  });
});
