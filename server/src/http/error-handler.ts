// One place that turns any error into `{ error: { code, message, field? } }` with the right status.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DependencyUnavailable,
  DomainError,
  InvalidInput,
  RangeNotSatisfiable,
  TooManyRequests,
} from '../domain/errors.js';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
};

/** `isDatabaseAway` tells an outage (503, worth a retry) from a failure (500, a bug to log). */
export function registerErrorHandler(
  app: FastifyInstance,
  isDatabaseAway: (error: unknown) => boolean = () => false,
): void {
  app.setErrorHandler((thrown: FastifyError | DomainError, request, reply) => {
    const error = isDatabaseAway(thrown)
      ? new DependencyUnavailable(
          'database_unavailable',
          'The database is not answering; try again in a moment',
        )
      : thrown;
    if (error instanceof DomainError) {
      if (error instanceof DependencyUnavailable) request.log.warn({ err: thrown }, 'a dependency is away');
      if (error instanceof TooManyRequests || error instanceof DependencyUnavailable) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      if (error instanceof RangeNotSatisfiable) reply.header('content-range', `bytes */${error.size}`);
      const field = error instanceof InvalidInput ? error.field : undefined;
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, field } });
    }
    if (error.validation) {
      const [first] = error.validation;
      const field = fieldName(first?.instancePath ?? '', first?.params);
      const message = field
        ? `${field} ${first?.message ?? 'is invalid'}`
        : (first?.message ?? error.message);
      return reply.status(400).send({ error: { code: 'invalid_input', message, field } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong' } });
    }
    const code = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'invalid_json' : CODES_BY_STATUS[status];
    return reply.status(status).send({ error: { code: code ?? 'bad_request', message: error.message } });
  });
}

export function replyNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url}` } });
}

/** `/channel/handle` → `channel.handle`; a missing property is named by Ajv's params instead. */
function fieldName(instancePath: string, params: Record<string, unknown> | undefined): string | undefined {
  const path = instancePath.split('/').filter(Boolean);
  if (typeof params?.missingProperty === 'string') path.push(params.missingProperty);
  return path.length > 0 ? path.join('.') : undefined;
}
