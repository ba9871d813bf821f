// The process's logger: JSON lines for machines (log collectors, `docker compose logs`), or readable
// lines for a person watching a terminal (`npm run up`), chosen by LOG_FORMAT and whether stdout is one.
import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from '../config.js';
import { requestLogSerializers } from './log-redaction.js';

export interface LoggerSettings {
  level: string;
  format: LogFormat;
  /** The command this process runs (`all`, `api`, `worker`, `migrate`), on every JSON line. */
  role: string;
}

/** Where lines go: a terminal when `isTTY` is true. */
export type LogOutput = NodeJS.WritableStream & { isTTY?: boolean };

/** Whether a person is reading: `auto` asks the output whether it is a terminal. */
export function readableLines(format: LogFormat, output: { isTTY?: boolean }): boolean {
  return format === 'pretty' || (format === 'auto' && output.isTTY === true);
}

/** The logger for `output` (stdout unless a test gives another). */
export function createLogger(settings: LoggerSettings, output?: LogOutput): Logger {
  // Fastify adopts these over its own, so request lines never carry a playback token or a signature.
  const options = {
    level: settings.level,
    base: { role: settings.role },
    serializers: requestLogSerializers,
  };
  if (!readableLines(settings.format, output ?? process.stdout)) {
    return output ? pino(options, output) : pino(options);
  }
  return pino(
    options,
    pretty({
      destination: output ?? 1,
      // Written before the process exits, like pino's own stdout.
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,role',
      singleLine: true,
    }),
  );
}
