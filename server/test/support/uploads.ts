// Uploading through the API the way a client does: plan, PUT every part to its URL, complete.

import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { VideoJson } from '../../src/http/video.schemas.js';
import type { Platform } from '../../src/platform/platform.js';
import { bearer } from './accounts.js';

export interface Plan {
  uploadId: string;
  videoId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

export async function startUpload(
  app: FastifyInstance,
  token: string,
  size: number,
  contentType = 'video/mp4',
  fileName = 'holiday.mp4',
) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: bearer(token),
    payload: { fileName, size, contentType },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Plan;
}

/** PUTs one part; an absolute URL (S3) goes over the network, a path goes to the app in-process. */
export async function putPart(app: FastifyInstance, url: string, bytes: Buffer) {
  if (url.startsWith('http')) {
    const response = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes) });
    return { status: response.status, etag: response.headers.get('etag') ?? '' };
  }
  const response = await app.inject({
    method: 'PUT',
    url,
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return { status: response.statusCode, etag: String(response.headers.etag ?? ''), body: response.body };
}

export function partsOf(bytes: Buffer, plan: Plan): Buffer[] {
  return plan.parts.map((_, index) => bytes.subarray(index * plan.partSize, (index + 1) * plan.partSize));
}

export async function completeUpload(
  app: FastifyInstance,
  token: string,
  plan: Plan,
  parts: { partNumber: number; etag: string }[],
  visibility = 'public',
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/uploads/${plan.uploadId}/complete`,
    headers: bearer(token),
    payload: { title: 'Holiday in the hills', description: 'Day one', visibility, parts },
  });
}

/** The whole client flow for a file; returns the plan and the completed video. */
export async function uploadFile(
  app: FastifyInstance,
  token: string,
  bytes: Buffer,
  file = { fileName: 'holiday.mp4', contentType: 'video/mp4' },
) {
  const plan = await startUpload(app, token, bytes.length, file.contentType, file.fileName);
  const sent = [];
  for (const [index, part] of partsOf(bytes, plan).entries()) {
    const { status, etag } = await putPart(app, plan.parts[index]?.url ?? '', part);
    expect(status).toBe(200);
    sent.push({ partNumber: index + 1, etag });
  }
  const completed = await completeUpload(app, token, plan, sent);
  expect(completed.statusCode, completed.body).toBe(200);
  return { plan, video: completed.json() };
}

/** Polls the video as its owner until it reaches `ready` or `failed` (or the time is up). */
export async function waitUntilSettled(app: FastifyInstance, token: string, videoId: string, seconds = 60) {
  let video: VideoJson | undefined;
  for (let waited = 0; waited < seconds * 1000; waited += 250) {
    video = (
      await app.inject({ url: `/api/v1/videos/${videoId}`, headers: bearer(token) })
    ).json() as VideoJson;
    if (video.state === 'ready' || video.state === 'failed') break;
    await sleep(250);
  }
  return video as VideoJson;
}

/** Moves an upload's deadline into the past, so the next `expire-uploads` job discards it. */
export async function passUploadDeadline(platform: Platform, videoId: string): Promise<void> {
  await platform.database.db
    .updateTable('videos')
    .set({ upload_expires_at: new Date(Date.now() - 1000) })
    .where('id', '=', videoId)
    .execute();
}
