// The /media origin: content types and cache headers, ranges, validators, CORS, path traversal, and
// the playback-token rules.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalDiskStorage } from '../../src/adapters/storage/local-disk-storage.js';
import { S3Storage } from '../../src/adapters/storage/s3-storage.js';
import { processedPrefix } from '../../src/domain/video-files.js';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo, standInFiles } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let stranger: Awaited<ReturnType<typeof register>>;
const files = standInFiles();
const segment = files['360p/segment-00000.m4s'] as Buffer;
let publicId: string;
/** The media path of one file of the public video, as its hlsUrl leads to it. */
let publicFile: (file: string) => string;

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
  stranger = await register(test.app);
  publicId = await publishStandInVideo(test.platform, owner, 'public', files);
  const hlsUrl = await hlsUrlAs(publicId);
  publicFile = (file) => mediaPath(hlsUrl, file);
});
afterAll(() => test.close());

const get = (url: string, headers: Record<string, string> = {}) => test.app.inject({ url, headers });
const mediaPath = (hlsUrl: string, file: string) => new URL(file, hlsUrl).pathname;

async function hlsUrlAs(videoId: string, token?: string): Promise<string> {
  const response = await get(`/api/v1/videos/${videoId}`, token ? bearer(token) : {});
  expect(response.statusCode, response.body).toBe(200);
  return response.json().hlsUrl;
}

describe('a public video', () => {
  it.each([
    ['master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=60'],
    ['360p/playlist.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=60'],
    ['360p/init.mp4', 'video/mp4', 'public, max-age=31536000, immutable'],
    ['360p/segment-00000.m4s', 'video/iso.segment', 'public, max-age=31536000, immutable'],
    ['poster.jpg', 'image/jpeg', 'public, max-age=31536000, immutable'],
    ['storyboard.vtt', 'text/vtt', 'public, max-age=60'],
    ['storyboard-001.jpg', 'image/jpeg', 'public, max-age=31536000, immutable'],
  ])('serves %s as %s, cacheable as "%s", to players on any origin', async (file, type, cache) => {
    const response = await get(publicFile(file), { origin: 'https://player.example' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe(cache);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.rawPayload.equals(files[file] as Buffer)).toBe(true);
  });

  it('is handed to everyone with a tokened hlsUrl under the media base URL, and refused without it', async () => {
    const hlsUrl = await hlsUrlAs(publicId);
    const base = test.platform.config.mediaBaseUrl;
    expect(hlsUrl).toMatch(
      new RegExp(`^${base}/t/[0-9a-z]+\\.[0-9a-z]+\\.[\\w-]{22}/videos/${publicId}/master\\.m3u8$`),
    );
    expect(await hlsUrlAs(publicId, stranger.token)).toBe(hlsUrl);
    const bare = await get(`/media/videos/${publicId}/master.m3u8`);
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.code).toBe('playback_token_required');
  });

  it('answers HEAD with the length and no body', async () => {
    const response = await test.app.inject({
      method: 'HEAD',
      url: publicFile('360p/segment-00000.m4s'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe(String(segment.length));
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.rawPayload.length).toBe(0);
  });

  it('answers a preflight for ranged requests from another origin', async () => {
    const response = await test.app.inject({
      method: 'OPTIONS',
      url: publicFile('360p/segment-00000.m4s'),
      headers: {
        origin: 'https://player.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'range',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-headers']).toContain('range');
  });
});

describe('byte ranges', () => {
  const url = () => publicFile('360p/segment-00000.m4s');

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=99000-', 99_000, 99_999],
    ['bytes=-500', 99_500, 99_999],
    ['bytes=99990-200000', 99_990, 99_999],
  ])('%s answers 206 with exactly those bytes', async (range, start, end) => {
    const response = await get(url(), { range });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${segment.length}`);
    expect(response.headers['content-length']).toBe(String(end - start + 1));
    expect(response.rawPayload.equals(segment.subarray(start, end + 1))).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const response = await get(url(), { range: 'bytes=100000-100010' });
    expect(response.statusCode).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${segment.length}`);
    expect(response.json().error.code).toBe('range_not_satisfiable');
  });

  it('sends the whole file for several ranges or a range it cannot read', async () => {
    for (const range of ['bytes=0-10,20-30', 'lines=1-2', 'bytes=20-10']) {
      const response = await get(url(), { range });
      expect(response.statusCode, range).toBe(200);
      expect(response.rawPayload.length).toBe(segment.length);
    }
  });

  it('honours If-Range only while the file is the one the client names', async () => {
    const { etag } = (await get(url())).headers;
    const same = await get(url(), { range: 'bytes=0-9', 'if-range': String(etag) });
    expect(same.statusCode).toBe(206);
    const other = await get(url(), { range: 'bytes=0-9', 'if-range': '"something-else"' });
    expect(other.statusCode).toBe(200);
    expect(other.rawPayload.length).toBe(segment.length);
  });
});

describe('validators', () => {
  const url = () => publicFile('poster.jpg');

  it('answers 304 to a matching If-None-Match, weak or strong, and 200 to another', async () => {
    const first = await get(url());
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    for (const match of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await get(url(), { 'if-none-match': match });
      expect(again.statusCode, match).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
    }
    expect((await get(url(), { 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('answers 304 to If-Modified-Since at or after the last change, and 200 before it', async () => {
    const lastModified = String((await get(url())).headers['last-modified']);
    expect((await get(url(), { 'if-modified-since': lastModified })).statusCode).toBe(304);
    const before = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get(url(), { 'if-modified-since': before })).statusCode).toBe(200);
  });
});

describe('playlists', () => {
  const url = () => publicFile('360p/playlist.m3u8');
  const playlist = files['360p/playlist.m3u8'] as Buffer;

  it('are read from storage once for a crowd of viewers asking at once', async () => {
    const rung = Buffer.from('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\nsegment-00000.m4s\n');
    await test.platform.storage.putObject(
      'processed',
      `${processedPrefix(publicId)}720p/playlist.m3u8`,
      rung,
      {
        contentType: 'application/vnd.apple.mpegurl',
        cacheControl: 'no-cache',
      },
    );
    // Whichever storage this adapter set runs on: count the reads that reach it.
    const reads = [LocalDiskStorage.prototype, S3Storage.prototype].map((storage) =>
      vi.spyOn(storage, 'getObject'),
    );
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => get(publicFile('720p/playlist.m3u8'))),
      );
      for (const answer of answers) {
        expect(answer.statusCode).toBe(200);
        expect(answer.rawPayload.equals(rung)).toBe(true);
      }
      expect(reads.reduce((sum, read) => sum + read.mock.calls.length, 0)).toBe(1);
    } finally {
      for (const read of reads) read.mockRestore();
    }
  });

  it('answer ranges and validators from the copy they hold', async () => {
    const whole = await get(url());
    expect(whole.headers['content-length']).toBe(String(playlist.length));
    const part = await get(url(), { range: 'bytes=0-6' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-6/${playlist.length}`);
    expect(part.rawPayload.equals(playlist.subarray(0, 7))).toBe(true);
    const again = await get(url(), { 'if-none-match': String(whole.headers.etag) });
    expect(again.statusCode).toBe(304);
    const head = await test.app.inject({ method: 'HEAD', url: url() });
    expect(head.headers['content-length']).toBe(String(playlist.length));
    expect(head.rawPayload.length).toBe(0);
  });
});

/** Sends the path exactly as written (no URL normalisation on the way), as an attacker would. */
async function rawGet(path: string): Promise<{ status: number; body: string }> {
  const address = test.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: address.port, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('path traversal', () => {
  beforeAll(() => test.app.listen({ port: 0, host: '127.0.0.1' }));

  it.each([
    '{video}/../../../../../../../etc/passwd',
    '{video}/360p/../../{other}/master.m3u8',
    '{video}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '{video}/..%2f..%2f..%2f..%2fsession-secret',
    '{video}/%252e%252e%252fsession-secret',
    '{video}/..%5c..%5cmaster.m3u8',
    '{video}/master.m3u8%00.jpg',
    '{video}/.master.m3u8',
    '{video}/360p/sub/segment.m4s',
    '/media/t/{token}/videos/../../session-secret/x/master.m3u8',
    '/media/videos/{id}/../../../../etc/passwd',
    '/media/avatars/..%2f..%2fraw/x.webp',
  ])('refuses %s', async (template) => {
    const other = await publishStandInVideo(test.platform, owner, 'private');
    const token = test.platform.playbackTokens.issue(publicId, 0);
    const attempt = await rawGet(
      template
        .replace('{video}', `/media/t/{token}/videos/{id}`)
        .replace('{token}', token)
        .replace('{id}', publicId)
        .replace('{other}', other),
    );
    expect([400, 403, 404]).toContain(attempt.status);
    expect(attempt.body).not.toContain('root:');
    expect(attempt.body).not.toContain('#EXTM3U');
    expect(() => JSON.parse(attempt.body)).not.toThrow();
  });
});

describe('tokens and visibility', () => {
  const FILES = ['master.m3u8', '360p/playlist.m3u8', '360p/segment-00000.m4s', 'poster.jpg'];
  let privateId: string;
  let otherId: string;

  beforeAll(async () => {
    privateId = await publishStandInVideo(test.platform, owner, 'private', files);
    otherId = await publishStandInVideo(test.platform, owner, 'private');
  });

  it('gives the owner an hlsUrl whose token opens every file of the video', async () => {
    const hlsUrl = await hlsUrlAs(privateId, owner.token);
    expect(hlsUrl).toMatch(new RegExp(`/media/t/[^/]+/videos/${privateId}/master\\.m3u8$`));
    for (const file of FILES) {
      const response = await get(mediaPath(hlsUrl, file));
      expect(response.statusCode, file).toBe(200);
      expect(response.rawPayload.equals(files[file] as Buffer)).toBe(true);
    }
  });

  it('shows a private video to nobody else', async () => {
    expect((await get(`/api/v1/videos/${privateId}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/videos/${privateId}`, bearer(stranger.token))).statusCode).toBe(404);
  });

  it.each(FILES)('refuses %s without a token, with an expired one and with another video’s', async (file) => {
    const { playbackTokens } = test.platform;
    const expired = playbackTokens.issue(privateId, 0, Math.floor(Date.now() / 1000) - 30 * 86_400);
    const attempts = {
      'no token': `/media/videos/${privateId}/${file}`,
      'expired token': `/media/t/${expired}/videos/${privateId}/${file}`,
      'another video’s token': `/media/t/${playbackTokens.issue(otherId, 0)}/videos/${privateId}/${file}`,
    };
    for (const [name, url] of Object.entries(attempts)) {
      const response = await get(url);
      expect(response.statusCode, name).toBe(403);
      expect(response.rawPayload.equals(files[file] as Buffer)).toBe(false);
    }
    const ownToken = `/media/t/${playbackTokens.issue(privateId, 0)}/videos/${privateId}/${file}`;
    expect((await get(ownToken)).statusCode).toBe(200);
  });

  it('refuses a token whose signature was tampered with', async () => {
    const token = test.platform.playbackTokens.issue(privateId, 0);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const response = await get(`/media/t/${tampered}/videos/${privateId}/master.m3u8`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('playback_token_invalid');
  });

  it('lets anyone with the link watch an unlisted video, through a token', async () => {
    const unlistedId = await publishStandInVideo(test.platform, owner, 'unlisted', files);
    for (const viewer of [undefined, stranger.token]) {
      const hlsUrl = await hlsUrlAs(unlistedId, viewer);
      expect(hlsUrl).toContain('/media/t/');
      expect((await get(mediaPath(hlsUrl, '360p/segment-00000.m4s'))).statusCode).toBe(200);
    }
    expect((await get(`/media/videos/${unlistedId}/master.m3u8`)).statusCode).toBe(403);
  });

  it('stops handing out the URLs of a video made private, to anyone but its owner', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public', files);
    expect((await get(`/api/v1/videos/${id}`, bearer(stranger.token))).statusCode).toBe(200);
    const edit = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${id}`,
      headers: bearer(owner.token),
      payload: { visibility: 'private' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await get(`/api/v1/videos/${id}`, bearer(stranger.token))).statusCode).toBe(404);
    expect((await get(`/api/v1/videos/${id}`)).statusCode).toBe(404);
  });
});
