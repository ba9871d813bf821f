// Several API processes over one database: each keeps the instance settings for INSTANCE_SETTINGS_TTL_MS,
// so a change made through one reaches the others within that time, sign-ups and quotas included.
import { expect, it } from 'vitest';
import { INSTANCE_SETTINGS_TTL_MS } from '../../src/platform/services.js';
import { bearer, newUser, randomAddress, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { type SecondInstance, twoInstances } from '../support/test-platform.js';

const instances = twoInstances();

const instanceOn = async (app: SecondInstance['app']) =>
  (await app.inject({ url: '/api/v1/instance' })).json();

it('reaches a second API process within the documented time', async () => {
  const { first, second } = instances;
  const administrator = await register(first.app);
  // The second process reads the settings now, and keeps its copy.
  expect((await instanceOn(second.app)).signUps).toBe('open');

  const changed = await first.app.inject({
    method: 'PATCH',
    url: '/api/v1/admin/settings',
    headers: bearer(administrator.token),
    payload: { name: 'Shared Films', signUps: 'closed' },
  });
  expect(changed.statusCode, changed.body).toBe(200);
  await eventually(
    async () => (await instanceOn(second.app)).name === 'Shared Films',
    (INSTANCE_SETTINGS_TTL_MS + 1_000) / 1000,
    'the second process shows the new name',
  );

  const refused = await second.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: newUser(),
    remoteAddress: randomAddress(),
  });
  expect(refused.statusCode).toBe(403);
  expect(refused.json().error.code).toBe('sign_ups_closed');
});
