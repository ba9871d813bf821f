import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } })
    .png()
    .toBuffer();

function putAvatar(token: string, body: Buffer | string, contentType: string) {
  return test.app.inject({
    method: 'PUT',
    url: '/api/v1/me/channel/avatar',
    headers: { ...bearer(token), 'content-type': contentType },
    payload: body,
  });
}

/** The media path of a URL built from MEDIA_BASE_URL, to fetch it from the app in-process. */
const mediaPath = (url: string) => new URL(url).pathname;

describe('GET /api/v1/channels/{handle}', () => {
  it('finds a channel whatever the letter case of the handle', async () => {
    const owner = await register(test.app);
    const response = await test.app.inject({ url: `/api/v1/channels/${owner.handle.toUpperCase()}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      handle: owner.handle,
      displayName: owner.displayName,
      description: '',
      avatarUrl: null,
      subscriberCount: 0,
      videoCount: 0,
    });
    expect(Date.parse(response.json().createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 404 for an unknown handle', async () => {
    const response = await test.app.inject({ url: '/api/v1/channels/nobody_has_this' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('channel_not_found');
  });
});

describe('changing a channel', () => {
  it('lets the owner change name and description', async () => {
    const owner = await register(test.app);
    const response = await test.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/channel',
      headers: bearer(owner.token),
      payload: { displayName: 'Cooking with Ada', description: 'Weekly recipes' },
    });
    expect(response.statusCode).toBe(200);
    const reread = await test.app.inject({ url: `/api/v1/channels/${owner.handle}` });
    expect(reread.json()).toMatchObject({ displayName: 'Cooking with Ada', description: 'Weekly recipes' });
  });

  it("forbids changing another user's channel", async () => {
    const owner = await register(test.app);
    const intruder = await register(test.app);
    const response = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${owner.handle}`,
      headers: bearer(intruder.token),
      payload: { displayName: 'Hijacked' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('not_channel_owner');
    const reread = await test.app.inject({ url: `/api/v1/channels/${owner.handle}` });
    expect(reread.json().displayName).toBe(owner.displayName);
  });

  it('lets the owner change it by handle too', async () => {
    const owner = await register(test.app);
    const response = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${owner.handle}`,
      headers: bearer(owner.token),
      payload: { description: 'Mine' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().description).toBe('Mine');
  });

  it('requires a signed-in user', async () => {
    const owner = await register(test.app);
    const response = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${owner.handle}`,
      payload: { displayName: 'Anonymous edit' },
    });
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['an empty change', {}, undefined],
    ['a blank name', { displayName: '  ' }, 'displayName'],
    ['a description over 5000 characters', { description: 'x'.repeat(5001) }, 'description'],
  ])('refuses %s', async (_case, payload, field) => {
    const owner = await register(test.app);
    const response = await test.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/channel',
      headers: bearer(owner.token),
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(response.json().error.field).toBe(field);
  });
});

describe('avatar', () => {
  it('is resized to a 256×256 WebP served with immutable caching', async () => {
    const owner = await register(test.app);
    const response = await putAvatar(owner.token, await photo(1200, 800), 'image/png');
    expect(response.statusCode, response.body).toBe(200);
    const { avatarUrl } = response.json();
    expect(avatarUrl).toMatch(
      /^http:\/\/localhost:8080\/media\/avatars\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+\.webp$/,
    );

    const image = await test.app.inject({ url: mediaPath(avatarUrl) });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const metadata = await sharp(image.rawPayload).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 256, 256]);

    const revalidated = await test.app.inject({
      url: mediaPath(avatarUrl),
      headers: { 'if-none-match': String(image.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('replaces the previous image and removes it', async () => {
    const owner = await register(test.app);
    const first = (await putAvatar(owner.token, await photo(300, 300), 'image/png')).json().avatarUrl;
    const second = (await putAvatar(owner.token, await photo(400, 300), 'image/png')).json().avatarUrl;
    expect(second).not.toBe(first);
    expect((await test.app.inject({ url: mediaPath(first) })).statusCode).toBe(404);
    expect((await test.app.inject({ url: mediaPath(second) })).statusCode).toBe(200);
    const me = await test.app.inject({ url: '/api/v1/me', headers: bearer(owner.token) });
    expect(me.json().user.avatarUrl).toBe(second);
  });

  it('refuses bytes that are not an image', async () => {
    const owner = await register(test.app);
    const response = await putAvatar(owner.token, Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'avatar' });
  });

  it('refuses other content types', async () => {
    const owner = await register(test.app);
    const response = await putAvatar(owner.token, '<svg></svg>', 'image/svg+xml');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('refuses an image over 5 MiB', async () => {
    const owner = await register(test.app);
    const response = await putAvatar(owner.token, Buffer.alloc(5 * 1024 * 1024 + 1), 'image/jpeg');
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('answers 404 for a missing avatar and refuses keys outside avatars/', async () => {
    const missing = await test.app.inject({
      url: '/media/avatars/00000000-0000-4000-8000-000000000000/none.webp',
    });
    expect(missing.statusCode).toBe(404);
    const traversal = await test.app.inject({ url: '/media/avatars/..%2F..%2Fraw/secret.webp' });
    expect(traversal.statusCode).toBe(400);
  });
});
