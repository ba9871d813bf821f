// /me/notifications — mine (new videos, channels gone live, replies, my reports' outcomes), newest first, with the unread count; marking them read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { ReportKind, ReportOutcome } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const UnreadCount = Type.Integer({ description: 'Stops counting at 1000' });
const Common = {
  id: Type.String({ format: 'uuid' }),
  read: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
};
const VideoNotification = Type.Object({
  ...Common,
  kind: Type.Union([Type.Literal('new_video'), Type.Literal('went_live'), Type.Literal('comment_reply')]),
  video: Type.Object({ id: Type.String(), title: Type.String() }),
  channel: Type.Object({
    handle: Type.String(),
    displayName: Type.String(),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
  }),
  commentBody: Type.Union([Type.String(), Type.Null()], { description: 'The reply, for comment_reply' }),
});
const ReportOutcomeNotification = Type.Object({
  ...Common,
  kind: Type.Literal('report_outcome'),
  report: Type.Object({
    kind: ReportKind,
    outcome: ReportOutcome,
    subject: Type.Union([Type.String(), Type.Null()], {
      description: 'What was reported, as the reporter saw it: a title, a comment, a channel name',
    }),
  }),
});
const Notification = Type.Union([VideoNotification, ReportOutcomeNotification]);

const listNotifications = {
  tags: ['notifications'],
  summary: 'My notifications, newest first, with how many are unread',
  querystring: PageQuery,
  response: {
    200: Type.Object({
      items: Type.Array(Notification),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
      unreadCount: UnreadCount,
    }),
    ...errorResponses(400, 401),
  },
};

const countUnread = {
  tags: ['notifications'],
  summary: 'How many of my notifications are unread (for a badge)',
  response: { 200: Type.Object({ unreadCount: UnreadCount }), ...errorResponses(401) },
};

const markRead = {
  tags: ['notifications'],
  summary: 'Mark the given notifications read, or all of them when no ids are given',
  body: Type.Object(
    { ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 })) },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ unreadCount: UnreadCount }), ...errorResponses(400, 401) },
};

export const notificationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { notifications, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me/notifications', { schema: listNotifications }, async (request) => {
    const userId = currentAccount(request).account.id;
    const inbox = await notifications.inbox(userId, request.query.limit, request.query.cursor);
    return {
      items: inbox.items.map((item) => present.notification(item)),
      nextCursor: inbox.nextCursor,
      unreadCount: inbox.unreadCount,
    };
  });

  app.get('/me/notifications/unread-count', { schema: countUnread }, async (request) => ({
    unreadCount: await notifications.unreadCount(currentAccount(request).account.id),
  }));

  app.post('/me/notifications/read', { schema: markRead }, async (request) => {
    const userId = currentAccount(request).account.id;
    return { unreadCount: await notifications.markRead(userId, request.body.ids) };
  });
};
