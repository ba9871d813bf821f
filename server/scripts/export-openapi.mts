// Writes the OpenAPI document of the current routes to the path given (the client generates from it).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { buildPlatformApp } from '../src/platform/api-app.js';
import { openPlatform } from '../src/platform/platform.js';

const target = process.argv[2];
if (!target) throw new Error('usage: export-openapi <output.json>');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-openapi-'));
const platform = await openPlatform(loadConfig({ DATA_DIR: dataDir }), pino({ level: 'silent' }));
try {
  const app = await buildPlatformApp(platform);
  await app.ready();
  await writeFile(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
  await app.close();
} finally {
  await platform.close();
  await rm(dataDir, { recursive: true, force: true });
}
