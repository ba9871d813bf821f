// A request refused before its body was read (sign-in checked on onRequest, a bad part signature) ends
// its connection: otherwise Node drains the rest of the body to keep the connection alive, and a stranger
// could still make the server read megabytes it has already refused.
import type { FastifyInstance } from 'fastify';

export function closeOnUnreadBody(app: FastifyInstance): void {
  // Callback style, and the status first: most answers are not refusals, and need no other look.
  app.addHook('onSend', (request, reply, payload, done) => {
    const announcesBody =
      Number(request.headers['content-length'] ?? 0) > 0 ||
      request.headers['transfer-encoding'] !== undefined;
    if (reply.statusCode >= 400 && announcesBody && !request.raw.complete)
      reply.header('connection', 'close');
    done(null, payload);
  });
}
