// One log line per request, written when it is answered: the request (its URL redacted by the logger's
// serializer), the status and the time taken. Fastify's own logging writes two (on arrival and on answer),
// which cost the hottest reads a fifth of their CPU (bench:api); a request that never gets an answer
// still shows in the error it ends with.
import type { FastifyInstance } from 'fastify';

export function logEachRequest(app: FastifyInstance): void {
  // Callback style: an async hook costs every request a promise and a turn of the microtask queue.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
    done();
  });
}
