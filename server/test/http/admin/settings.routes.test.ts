// Instance settings: administrators read and change them, each change in the audit log with the fields it
// changed; everyone reads the public part; the quotas the settings give apply to the next upload; bad
// input is refused and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { auditLog } from '../../support/moderation.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';
import { startUpload } from '../../support/uploads.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
});
afterAll(() => test.close());

function change(person: Person, payload: unknown) {
  return test.app.inject({
    method: 'PATCH',
    url: '/api/v1/admin/settings',
    headers: bearer(person.token),
    payload: payload as object,
  });
}

async function settings() {
  const response = await test.app.inject({
    url: '/api/v1/admin/settings',
    headers: bearer(administrator.token),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('instance settings', () => {
  it('starts as VidStream, open to sign-ups, with the configured quotas', async () => {
    const publicView = await test.app.inject({ url: '/api/v1/instance' });
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json()).toEqual({ name: 'VidStream', description: '', signUps: 'open' });
    expect(publicView.headers['cache-control']).toBe('public, max-age=10');
    expect((await settings()).uploadQuotas).toEqual(test.platform.config.uploadQuotas);
  });

  it('renames the instance for everyone, and logs the fields it changed', async () => {
    const response = await change(administrator, {
      name: '  Hill Films  ',
      description: 'Films of the hills, <b>plain</b>',
      signUps: 'open',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Hill Films', signUps: 'open' });
    const publicView = (await test.app.inject({ url: '/api/v1/instance' })).json();
    expect(publicView).toEqual({
      name: 'Hill Films',
      description: 'Films of the hills, <b>plain</b>',
      signUps: 'open',
    });

    const [entry] = await auditLog(test.app, administrator.token);
    expect(entry).toMatchObject({
      actor: { id: administrator.id },
      action: 'settings_changed',
      target: { kind: 'instance', id: 'settings' },
    });
    expect(entry?.details).toEqual({
      changes: {
        name: { from: 'VidStream', to: 'Hill Films' },
        description: { from: '', to: 'Films of the hills, <b>plain</b>' },
      },
    });
  });

  it('applies a quota set by an administrator to the next upload, and keeps the others', async () => {
    const uploader = await register(test.app);
    const response = await change(administrator, { uploadQuotas: { uploadsInFlight: 1 } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().uploadQuotas).toEqual({
      ...test.platform.config.uploadQuotas,
      uploadsInFlight: 1,
    });

    await startUpload(test.app, uploader.token, 1_000);
    const refused = await test.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: bearer(uploader.token),
      payload: { fileName: 'second.mp4', size: 1_000, contentType: 'video/mp4' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('uploads_in_flight_limit');

    expect((await change(administrator, { uploadQuotas: { uploadsInFlight: 10 } })).statusCode).toBe(200);
    await startUpload(test.app, uploader.token, 1_000);
  });

  it('logs nothing for a change that changes nothing', async () => {
    const before = await auditLog(test.app, administrator.token);
    const { name } = await settings();
    expect((await change(administrator, { name })).statusCode).toBe(200);
    expect(await auditLog(test.app, administrator.token)).toHaveLength(before.length);
  });

  it.each([
    ['an empty change', {}],
    ['a blank name', { name: '   ' }],
    ['a name too long', { name: 'n'.repeat(61) }],
    ['a description too long', { description: 'd'.repeat(1_001) }],
    ['an unknown sign-up mode', { signUps: 'sometimes' }],
    ['a quota of zero', { uploadQuotas: { queuedVideos: 0 } }],
    ['a quota that is not a number', { uploadQuotas: { bytesPerDay: 'lots' } }],
  ])('refuses %s with 400 and stores nothing', async (_case, payload) => {
    const before = await settings();
    const response = await change(administrator, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBeTypeOf('string');
    expect(await settings()).toEqual(before);
  });

  it('refuses moderators and members, and nobody', async () => {
    const [moderator, member] = await Promise.all([register(test.app), register(test.app)]);
    await promote(test.platform, moderator, 'moderator');
    const before = await settings();
    for (const person of [moderator, member]) {
      const read = await test.app.inject({ url: '/api/v1/admin/settings', headers: bearer(person.token) });
      expect(read.statusCode).toBe(403);
      const changed = await change(person, { name: 'Taken over' });
      expect(changed.statusCode).toBe(403);
      expect(changed.json().error.code).toBe('not_administrator');
    }
    expect((await test.app.inject({ url: '/api/v1/admin/settings' })).statusCode).toBe(401);
    expect(await settings()).toEqual(before);
  });
});
