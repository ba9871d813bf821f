// Whether an error means PostgreSQL is away (restarting, unreachable, refusing connections) rather than
// that a query was wrong: the first is worth a 503 and a retry, the second is a bug.
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server shutting down, starting up, or out of connection slots. */
const SERVER_AWAY = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node-postgres says when its connect or query timeout fires, or the socket ends mid-query. */
const DRIVER_AWAY = /timeout exceeded when trying to connect|Query read timeout|Connection terminated/;

export function isDatabaseAway(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exceptions.
    if (NETWORK_ERRORS.has(code) || SERVER_AWAY.has(code) || code.startsWith('08')) return true;
  }
  return DRIVER_AWAY.test(error.message);
}
