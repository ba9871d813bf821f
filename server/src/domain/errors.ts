// Domain errors thrown by services; the HTTP error handler maps each class to one status code.
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly status = 400;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super('invalid_input', message);
  }
}

/** A file sent as a request's body (a caption file) is not what it must be; `code` says what is wrong. */
export class InvalidContent extends DomainError {
  readonly status = 400;
}

export class Unauthorized extends DomainError {
  readonly status = 401;
}

export class Forbidden extends DomainError {
  readonly status = 403;
}

export class NotFound extends DomainError {
  readonly status = 404;
}

export class Conflict extends DomainError {
  readonly status = 409;
}

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
}

export class RangeNotSatisfiable extends DomainError {
  readonly status = 416;
  constructor(readonly size: number) {
    super('range_not_satisfiable', `The requested range is outside the ${size} bytes of this file`);
  }
}

export class TooManyRequests extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** Names the limit reached, for limits a client may want to tell apart. */
    code = 'rate_limited',
  ) {
    super(code, message);
  }
}

/** A valid request for something this server does not do (an oEmbed format other than JSON). */
export class NotImplemented extends DomainError {
  readonly status = 501;
}

/** A dependency (the database, object storage) is away: the request is worth retrying shortly. */
export class DependencyUnavailable extends DomainError {
  readonly status = 503;
  readonly retryAfterSeconds = 5;
}
