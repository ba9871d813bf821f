// Setting the scene over HTTP, the way the app's own client does, when the pages are not what a test is
// about: an account, and a published video that has finished processing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Account } from './people.js';

interface Video {
  id: string;
  state: string;
  playable: boolean;
  error?: string | null;
}

async function call<T>(
  baseUrl: string,
  route: string,
  init: RequestInit & { token?: string } = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const response = await fetch(`${baseUrl}${route}`, { ...init, headers });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Registers the account and returns its session token. */
export async function register(baseUrl: string, account: Account): Promise<string> {
  const body = JSON.stringify(account);
  const { token } = await call<{ token: string }>(baseUrl, '/api/v1/auth/register', { method: 'POST', body });
  return token;
}

type Details = { title: string; visibility: 'public' | 'unlisted' | 'private'; description?: string };

/** Uploads the file, publishes it with this visibility and waits until it is ready to play. */
export async function publishClip(
  baseUrl: string,
  token: string,
  file: string,
  details: Details,
): Promise<string> {
  const videoId = await uploadClip(baseUrl, token, file, details);
  await waitFor(baseUrl, token, videoId, (video) => video.state === 'ready', 'ready');
  return videoId;
}

/** Uploads the file and publishes it with this visibility; its processing has just begun. */
export async function uploadClip(
  baseUrl: string,
  token: string,
  file: string,
  details: Details,
): Promise<string> {
  const bytes = await readFile(file);
  const plan = await startUpload(baseUrl, token, path.basename(file), bytes.length);
  const parts = [];
  for (const { partNumber, url } of plan.parts) {
    const chunk = bytes.subarray((partNumber - 1) * plan.partSize, partNumber * plan.partSize);
    const response = await fetch(new URL(url, baseUrl), { method: 'PUT', body: chunk });
    if (!response.ok) throw new Error(`part ${partNumber}: ${response.status}`);
    parts.push({ partNumber, etag: response.headers.get('etag') ?? '' });
  }
  await fetch(`${baseUrl}/api/v1/uploads/${plan.videoId}/complete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ description: '', ...details, parts }),
  }).then((response) => {
    if (!response.ok) throw new Error(`complete: ${response.status}`);
  });
  return plan.videoId;
}

interface UploadPlan {
  videoId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

/** Asks for an upload plan: the video exists from now on, waiting for its bytes. */
export function startUpload(baseUrl: string, token: string, fileName: string, size: number) {
  return call<UploadPlan>(baseUrl, '/api/v1/uploads', {
    method: 'POST',
    token,
    body: JSON.stringify({ fileName, size, contentType: 'video/mp4' }),
  });
}

/** Polls the video as its owner until `done` says so; returns it then. */
export async function waitFor(
  baseUrl: string,
  token: string,
  videoId: string,
  done: (video: Video) => boolean,
  what: string,
): Promise<Video> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const video = await call<Video>(baseUrl, `/api/v1/videos/${videoId}`, { token });
    if (done(video)) return video;
    if (video.state === 'failed') throw new Error(`processing failed: ${video.error}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`video ${videoId} was not ${what} within two minutes`);
}

/** Reports where this person is in a video, as the player does: it lands in their watch history. */
export async function reportPosition(baseUrl: string, token: string, videoId: string, seconds: number) {
  const response = await fetch(`${baseUrl}/api/v1/videos/${videoId}/progress`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ positionSeconds: seconds }),
  });
  if (response.status !== 204) throw new Error(`progress: ${response.status} ${await response.text()}`);
}

/** Posts a comment on the video and returns its id. */
export async function postComment(baseUrl: string, token: string, videoId: string, body: string) {
  const route = `/api/v1/videos/${videoId}/comments`;
  const posted = await call<{ id: string }>(baseUrl, route, {
    method: 'POST',
    token,
    body: JSON.stringify({ body }),
  });
  return posted.id;
}

/** The live video of the account's stream key, once the publish it sends is taken. */
export async function waitForLiveVideo(baseUrl: string, token: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const keys = await call<{ items: { liveVideoId: string | null }[] }>(baseUrl, '/api/v1/me/stream-keys', {
      token,
    });
    const live = keys.items.find((key) => key.liveVideoId)?.liveVideoId;
    if (live) return live;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no live video within a minute of publishing');
}

/** Writes in a live video's chat. */
export async function postChatMessage(baseUrl: string, token: string, videoId: string, text: string) {
  const route = `/api/v1/videos/${videoId}/chat`;
  await call(baseUrl, route, { method: 'POST', token, body: JSON.stringify({ text }) });
}
