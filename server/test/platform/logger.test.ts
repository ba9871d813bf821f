// The log format follows the reader: readable lines when stdout is a terminal (`npm run up`), JSON lines
// otherwise (collectors, pipes), unless LOG_FORMAT says which. The real pino and pino-pretty write to a
// stream that says whether it is a terminal, as process.stdout does.
import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger, type LogOutput } from '../../src/platform/logger.js';

/** Logs one line through a logger for an output that is, or is not, a terminal; the text written. */
async function logOnce(isTTY: boolean | undefined, LOG_FORMAT?: string): Promise<string> {
  const output: LogOutput = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  const { logLevel, logFormat } = loadConfig(LOG_FORMAT ? { LOG_FORMAT } : {});
  const logger = createLogger({ level: logLevel, format: logFormat, role: 'all' }, output);
  logger.info({ storage: 'local' }, 'platform opened');
  logger.flush();
  await tick();
  // Colours depend on the terminal running the tests; the words do not.
  return stripVTControlCharacters(text);
}

const READABLE = /^\[\d\d:\d\d:\d\d\] INFO: platform opened \{"storage":"local"\}\n$/;

function expectJsonLine(text: string) {
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({
    level: 30,
    role: 'all',
    storage: 'local',
    msg: 'platform opened',
  });
}

describe('log lines', () => {
  it('are readable on a terminal', async () => {
    expect(await logOnce(true)).toMatch(READABLE);
  });

  it('are JSON anywhere else', async () => {
    expectJsonLine(await logOnce(false));
    expectJsonLine(await logOnce(undefined));
  });

  it('follow LOG_FORMAT when it is set', async () => {
    expectJsonLine(await logOnce(true, 'json'));
    expect(await logOnce(false, 'pretty')).toMatch(READABLE);
  });

  it('refuse a LOG_FORMAT they do not know, naming the variable', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of auto, json, pretty/);
  });
});
