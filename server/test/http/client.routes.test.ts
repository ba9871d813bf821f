// The built web app as a browser gets it: text files sent in the compressed copy the build wrote beside
// them when the browser takes that encoding, as they are otherwise; any page path answers with the app.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlatformApp } from '../../src/platform/api-app.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const script = Buffer.from(`console.log(${JSON.stringify('a player '.repeat(400))});\n`);
let test: TestPlatform;
let app: FastifyInstance;
let clientDir: string;

beforeAll(async () => {
  test = await startTestPlatform();
  clientDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-client-'));
  await mkdir(path.join(clientDir, 'assets'));
  await writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>VidStream</title>');
  await writeFile(path.join(clientDir, 'assets', 'app.js'), script);
  await writeFile(path.join(clientDir, 'assets', 'app.js.br'), brotliCompressSync(script));
  await writeFile(path.join(clientDir, 'assets', 'app.js.gz'), gzipSync(script));
  app = await buildPlatformApp(test.platform, clientDir);
});
afterAll(async () => {
  await app.close();
  await test.close();
  await rm(clientDir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('sends the brotli copy of a script to a browser that takes brotli', async () => {
    const answer = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/javascript/);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(answer.rawPayload).equals(script)).toBe(true);
    expect(answer.rawPayload.length).toBeLessThan(script.length / 4);
  });

  it('sends the gzip copy, or the file itself, to browsers that take only that', async () => {
    const gzipOnly = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(script)).toBe(true);
  });

  it('answers a page path with the app, never cached', async () => {
    const answer = await app.inject({ url: '/watch/abc', headers: { 'accept-encoding': 'br' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('<title>VidStream</title>');
    expect(answer.headers['cache-control']).toBe('no-cache');
  });
});
