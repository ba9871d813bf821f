// A container of the image, started as people start it, and the checks every container test makes of it.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { LIMITS, podman, podmanOrThrow } from './podman.js';

export interface ContainerOptions {
  env: Record<string, string>;
  /** A named volume mounted at /data. */
  volume?: string;
  role?: 'all' | 'api' | 'worker' | 'migrate';
}

/** Runs the image in the background on the host network; its PORT decides where it listens. */
export async function startContainer(name: string, image: string, options: ContainerOptions): Promise<void> {
  const env = Object.entries(options.env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  const volume = options.volume ? ['--volume', `${options.volume}:/data`] : [];
  await podmanOrThrow([
    'run',
    ...['--detach', '--name', name, '--network', 'host', ...LIMITS, ...env, ...volume],
    image,
    options.role ?? 'all',
  ]);
}

/** Removes the containers with the anonymous volumes the image's VOLUME gave them; named ones stay. */
export async function removeContainers(...names: string[]): Promise<void> {
  for (const name of names) await podman(['rm', '--force', '--volumes', '--time', '0', name]);
}

/** Waits until the container answers ready on `baseUrl`; fails with its log if it stops or takes too long. */
export async function waitUntilReady(baseUrl: string, container: string): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 500) {
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return;
    const state = (await podman(['inspect', container, '--format', '{{.State.Status}}'])).stdout.trim();
    if (state !== 'running') break;
    await sleep(500);
  }
  throw new Error(`${container} did not become ready:\n${(await podman(['logs', container])).stderr}`);
}

/** A video as its owner reads it through the API. */
export async function ownVideo(baseUrl: string, videoId: string, token: string) {
  const response = await fetch(`${baseUrl}/api/v1/videos/${videoId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { state: string; hlsUrl: string };
}

/** The master playlist and each variant playlist it names answer over HTTP, complete. */
export async function expectLadderReadable(hlsUrl: string): Promise<void> {
  const master = await fetch(hlsUrl);
  expect(master.status).toBe(200);
  const variants = (await master.text()).split('\n').filter((line) => line.endsWith('.m3u8'));
  expect(variants.length).toBeGreaterThan(0);
  for (const variant of variants) {
    const playlist = await fetch(new URL(variant, hlsUrl));
    expect(playlist.status, variant).toBe(200);
    expect(await playlist.text()).toContain('#EXT-X-ENDLIST');
  }
}
