// /uploads — direct-to-storage uploads: plan the parts, resume, abort, complete.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_PART_NUMBER } from '../../domain/upload.js';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';
import { Visibility } from '../video.schemas.js';

const UploadParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{11}$' }) });

const startUpload = {
  tags: ['uploads'],
  summary: 'Start an upload: the video is created and its parts go straight to storage',
  body: Type.Object(
    {
      fileName: Type.String({ minLength: 1, maxLength: 255 }),
      size: Type.Integer({ minimum: 1 }),
      contentType: Type.String({ minLength: 1, maxLength: 100 }),
    },
    { additionalProperties: false },
  ),
  response: { 201: Type.Ref('UploadPlan'), ...errorResponses(400, 401, 413, 429) },
};

const Allowance = Type.Object({ used: Type.Integer(), limit: Type.Integer() });

const showQuota = {
  tags: ['uploads'],
  summary: "The signed-in account's upload limits and what it uses of each now",
  response: {
    200: Type.Object({
      uploadsInFlight: Allowance,
      bytesPerDay: Allowance,
      queuedVideos: Allowance,
      gigapixelsPerDay: Type.Object(
        { used: Type.Number(), limit: Type.Number() },
        {
          description:
            'Processing of the videos probed in the last 24 hours: width × height × frame rate × seconds, in gigapixels (an hour of 1080p at 30 fps is 224)',
        },
      ),
    }),
    ...errorResponses(401),
  },
};

const resumeUpload = {
  tags: ['uploads'],
  summary: 'Resume an upload: fresh part URLs and the parts storage already holds',
  params: UploadParams,
  response: {
    200: Type.Intersect([
      Type.Ref('UploadPlan'),
      Type.Object({
        storedParts: Type.Array(
          Type.Object({ partNumber: Type.Integer(), etag: Type.String(), size: Type.Integer() }),
        ),
      }),
    ]),
    ...errorResponses(401, 403, 404),
  },
};

const abortUpload = {
  tags: ['uploads'],
  summary: 'Abort an upload and free its storage',
  params: UploadParams,
  response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
};

const completeUpload = {
  tags: ['uploads'],
  summary: 'Finish an upload: the video is queued for processing (calling it again is harmless)',
  params: UploadParams,
  body: Type.Object(
    {
      title: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
      description: Type.String({ maxLength: 5000, default: '' }),
      visibility: Type.Optional(Visibility),
      parts: Type.Array(
        Type.Object({
          partNumber: Type.Integer({ minimum: 1, maximum: MAX_PART_NUMBER }),
          etag: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        { minItems: 1, maxItems: MAX_PART_NUMBER },
      ),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Ref('Video'), ...errorResponses(400, 401, 403, 404, 429) },
};

export const uploadRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { uploads, present, requireAccount },
) => {
  app.post('/uploads', { preHandler: requireAccount, schema: startUpload }, async (request, reply) => {
    const { account } = currentAccount(request);
    const plan = await uploads.start({ id: account.id, channelId: account.channel.id }, request.body);
    return reply.status(201).send(present.uploadPlan(plan));
  });

  app.get('/uploads/quota', { preHandler: requireAccount, schema: showQuota }, async (request) => {
    const { limits, usage } = await uploads.quotaOf(currentAccount(request).account.id);
    const allowance = (name: keyof typeof limits) => ({ used: usage[name], limit: limits[name] });
    return {
      uploadsInFlight: allowance('uploadsInFlight'),
      bytesPerDay: allowance('bytesPerDay'),
      queuedVideos: allowance('queuedVideos'),
      gigapixelsPerDay: allowance('gigapixelsPerDay'),
    };
  });

  app.get('/uploads/:id', { preHandler: requireAccount, schema: resumeUpload }, async (request) => {
    const status = await uploads.status(currentAccount(request).account.id, request.params.id);
    return { ...present.uploadPlan(status), storedParts: status.storedParts };
  });

  app.delete('/uploads/:id', { preHandler: requireAccount, schema: abortUpload }, async (request, reply) => {
    await uploads.abort(currentAccount(request).account.id, request.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/uploads/:id/complete',
    { preHandler: requireAccount, schema: completeUpload },
    async (request) => {
      const actorId = currentAccount(request).account.id;
      const { parts, title, description, visibility } = request.body;
      const video = await uploads.complete(actorId, request.params.id, parts, {
        title: title.trim(),
        description,
        visibility: visibility ?? 'private',
      });
      return present.video(video, actorId);
    },
  );
};
