// oEmbed for this instance's watch pages, and the video as the embedded player gets it: public and
// unlisted videos are shown to whoever asks, private ones never (not even to their owner), and a URL that
// is not one of our watch pages is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const PUBLIC_URL = 'https://videos.example.test';
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let publicId: string;
let unlistedId: string;
let privateId: string;

beforeAll(async () => {
  test = await startTestPlatform({ PUBLIC_URL });
  owner = await register(test.app);
  publicId = await publishStandInVideo(test.platform, owner, 'public');
  unlistedId = await publishStandInVideo(test.platform, owner, 'unlisted');
  privateId = await publishStandInVideo(test.platform, owner, 'private');
});
afterAll(() => test.close());

const oembed = (query: Record<string, string>, token?: string) =>
  test.app.inject({
    url: `/api/oembed?${new URLSearchParams(query)}`,
    headers: token ? bearer(token) : {},
  });
const watchUrl = (id: string) => `${PUBLIC_URL}/watch/${id}`;

describe('GET /api/oembed', () => {
  it('describes a public video as an oEmbed video with its player, author and poster', async () => {
    const answer = await oembed({ url: watchUrl(publicId), format: 'json' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    const body = answer.json();
    expect(body).toMatchObject({
      version: '1.0',
      type: 'video',
      title: `Video ${publicId}`,
      author_name: owner.displayName,
      author_url: `${PUBLIC_URL}/@${owner.handle}`,
      provider_name: 'VidStream',
      provider_url: `${PUBLIC_URL}/`,
      width: 640,
      height: 360,
      thumbnail_width: 640,
      thumbnail_height: 360,
    });
    expect(body.html).toMatch(
      new RegExp(`^<iframe src="${PUBLIC_URL}/embed/${publicId}" width="640" height="360" title="Video `),
    );
    // The thumbnail is the poster, through its tokened media URL.
    const poster = new URL(body.thumbnail_url);
    expect(poster.pathname).toMatch(new RegExp(`^/media/t/[^/]+/videos/${publicId}/poster\\.jpg$`));
    expect((await test.app.inject({ url: poster.pathname })).statusCode).toBe(200);
  });

  it('takes json as the format when none is named, and starts the player where the link starts', async () => {
    const answer = await oembed({ url: `${watchUrl(publicId)}?t=1m30s` });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().html).toContain(`src="${PUBLIC_URL}/embed/${publicId}?start=90"`);
  });

  it('fits the player inside maxwidth and maxheight, keeping the video’s shape', async () => {
    const narrow = await oembed({ url: watchUrl(publicId), maxwidth: '320' });
    expect(narrow.json()).toMatchObject({ width: 320, height: 180 });
    const low = await oembed({ url: watchUrl(publicId), maxwidth: '1000', maxheight: '90' });
    expect(low.json()).toMatchObject({ width: 160, height: 90 });
    expect(low.json().html).toContain('width="160" height="90"');
  });

  it('describes an unlisted video, since whoever has its link may watch it', async () => {
    const answer = await oembed({ url: watchUrl(unlistedId), format: 'json' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().html).toContain(`/embed/${unlistedId}"`);
  });

  it('answers 404 for a private video, even to its owner, and for an unknown one', async () => {
    for (const [id, token] of [
      [privateId, undefined],
      [privateId, owner.token],
      ['AAAAAAAAAAA', undefined],
    ] as const) {
      const answer = await oembed({ url: watchUrl(id), format: 'json' }, token);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe('video_not_found');
    }
  });

  it('answers 404 once a public video is deleted', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await test.app.inject({ method: 'DELETE', url: `/api/v1/videos/${id}`, headers: bearer(owner.token) });
    expect((await oembed({ url: watchUrl(id) })).statusCode).toBe(404);
  });

  it('answers 501 for a format other than json', async () => {
    const answer = await oembed({ url: watchUrl(publicId), format: 'xml' });
    expect(answer.statusCode).toBe(501);
    expect(answer.json().error.code).toBe('format_not_supported');
  });

  it('refuses with 400 a URL that is not one of this instance’s watch pages', async () => {
    for (const url of [
      `https://elsewhere.example.test/watch/${publicId}`,
      `http://videos.example.test/watch/${publicId}`,
      `${PUBLIC_URL}/@${owner.handle}`,
      `${PUBLIC_URL}/embed/${publicId}`,
      `${PUBLIC_URL}/watch/${publicId}/extra`,
      `${PUBLIC_URL}/watch/not-an-id`,
      'not a url',
    ]) {
      const answer = await oembed({ url, format: 'json' });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'invalid_input', field: 'url' });
    }
    expect((await oembed({ format: 'json' })).statusCode).toBe(400);
  });
});

describe('GET /api/v1/videos/{id}/embed', () => {
  const embedded = (id: string, token?: string) =>
    test.app.inject({ url: `/api/v1/videos/${id}/embed`, headers: token ? bearer(token) : {} });

  it('gives the embedded player a public or unlisted video with its stream', async () => {
    for (const id of [publicId, unlistedId]) {
      const answer = await embedded(id);
      expect(answer.statusCode).toBe(200);
      const video = answer.json();
      expect(video.id).toBe(id);
      expect(video.hlsUrl).toMatch(new RegExp(`/media/t/[^/]+/videos/${id}/master\\.m3u8$`));
      expect((await test.app.inject({ url: new URL(video.hlsUrl).pathname })).statusCode).toBe(200);
    }
  });

  it('says a private video is private, with no stream, even to its owner', async () => {
    for (const token of [undefined, owner.token]) {
      const answer = await embedded(privateId, token);
      expect(answer.statusCode).toBe(403);
      expect(answer.json().error).toEqual({ code: 'video_private', message: 'This video is private' });
      expect(answer.body).not.toContain('m3u8');
    }
  });

  it('answers 404 for an unknown video', async () => {
    expect((await embedded('AAAAAAAAAAA')).statusCode).toBe(404);
  });
});
