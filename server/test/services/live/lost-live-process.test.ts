// A live process that dies says nothing more: the live videos it made must not stay live for ever (their
// keys would refuse every publish). Each live process says every few seconds which videos it still makes,
// and ends those nobody has named for 30 s; a publish on such a key ends its old video first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveIngestService } from '../../../src/services/live/live-ingest.service.js';
import { bearer, register } from '../../support/accounts.js';
import { makeStreamKey } from '../../support/stream-keys.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

let test: TestPlatform;
let live: LiveIngestService;

beforeAll(async () => {
  test = await startTestPlatform();
  if (!test.platform.services.live) throw new Error('the test platform takes live publishes');
  live = test.platform.services.live;
});
afterEach(() => test.clock.reset());
afterAll(() => test.close());

async function goLive() {
  const owner = await register(test.app);
  const { key } = await makeStreamKey(test.app, owner);
  const admission = await live.admit(key);
  if (!admission.admitted) throw new Error(`not admitted: ${admission.reason}`);
  return { owner, key, videoId: admission.video.id };
}

async function liveState(videoId: string, token: string) {
  const response = await test.app.inject({ url: `/api/v1/videos/${videoId}`, headers: bearer(token) });
  return response.json().live.state;
}

describe('a live video whose process is lost', () => {
  it('stays live while a process names it, and is ended once none has for 30 s', async () => {
    const { owner, videoId } = await goLive();
    test.clock.advance(25);
    await test.platform.repositories.liveVideos.seen([videoId], test.clock.now());
    test.clock.advance(25);
    await live.keepAlive();
    expect(await liveState(videoId, owner.token)).toBe('live');

    test.clock.advance(31);
    await live.keepAlive();
    expect(await liveState(videoId, owner.token)).toBe('ended');
  });

  it('ends when its key publishes again after 30 s unseen, and the new publish is taken', async () => {
    const { owner, key, videoId } = await goLive();
    expect(await live.admit(key)).toEqual({ admitted: false, reason: 'already_live' });

    test.clock.advance(31);
    const again = await live.admit(key);
    expect(again.admitted).toBe(true);
    expect(await liveState(videoId, owner.token)).toBe('ended');
    if (again.admitted) expect(await liveState(again.video.id, owner.token)).toBe('live');
  });
});
