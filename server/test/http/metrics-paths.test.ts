// With METRICS_TOKEN set, no spelling of the path reaches the metrics without the token: Fastify decodes
// percent-escapes before routing (`/%6Detrics` is `/metrics` to it) while proxies in front may compare the
// path as sent, so the token check lives in the handler every such spelling reaches. Requests go over a
// real socket, exactly as written (an injected request would have its path normalised first).
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpsApp } from '../../src/platform/ops-app.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const TOKEN = 'scraper-token-0123456789abcdef0123456789';
/** Spellings a client may try, each read by some server or proxy as /metrics. */
const SPELLINGS = [
  '/metrics',
  '/%6Detrics',
  '/%6detrics',
  '/%6D%65%74%72%69%63%73',
  '/metrics/',
  '//metrics',
  '/METRICS',
  '/Metrics',
  '/metrics?format=text',
  '/metrics;x',
  '/./metrics',
  '/x/../metrics',
  '/metrics%2F',
  '/%2Fmetrics',
  '/metrics%00',
  '/metrics%20',
  'http://localhost/metrics',
];

interface Answer {
  status: number;
  body: string;
}

/** Sends one request with `target` as its request-target, byte for byte, and reads the answer. */
function send(port: number, method: string, target: string, authorization?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...body] = raw.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: body.join('\r\n\r\n') });
    });
    const headers = ['Host: localhost', 'Connection: close'];
    if (authorization) headers.push(`Authorization: ${authorization}`);
    socket.write(`${method} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
  });
}

const METRICS_BODY = /^# (HELP|TYPE) vidstream_/m;

let test: TestPlatform;
const apps: Record<string, { app: FastifyInstance; port: number }> = {};
beforeAll(async () => {
  test = await startTestPlatform({ METRICS_TOKEN: TOKEN });
  const ops = await buildOpsApp(test.platform);
  for (const [name, app] of [
    ['api', test.app],
    ['worker', ops],
  ] as const) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    apps[name] = { app, port: (app.server.address() as net.AddressInfo).port };
  }
});
afterAll(async () => {
  await apps.worker?.app.close();
  await test.close();
});

describe.each(['api', 'worker'])('the %s process’s /metrics with METRICS_TOKEN set', (name) => {
  const port = () => apps[name]?.port ?? 0;

  it.each(SPELLINGS)('refuses %s without the token', async (target) => {
    for (const method of ['GET', 'HEAD']) {
      for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`]) {
        const answer = await send(port(), method, target, authorization);
        expect(answer.status, `${method} ${target} ${authorization}`).not.toBe(200);
        expect(answer.body).not.toMatch(METRICS_BODY);
      }
    }
  });

  it('answers the scraper that sends the token', async () => {
    const answer = await send(port(), 'GET', '/metrics', `Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(METRICS_BODY);
  });

  it('asks for the token on every spelling that reaches the metrics', async () => {
    const reaching: string[] = [];
    for (const target of SPELLINGS) {
      const withToken = await send(port(), 'GET', target, `Bearer ${TOKEN}`);
      if (!METRICS_BODY.test(withToken.body)) continue;
      reaching.push(target);
      const without = await send(port(), 'GET', target);
      expect(without.status, target).toBe(401);
      expect(without.body).toContain('metrics_token_required');
    }
    // Fastify decodes escapes before routing: these spellings do reach the handler.
    expect(reaching).toEqual(expect.arrayContaining(['/metrics', '/%6Detrics', '/%6D%65%74%72%69%63%73']));
  });
});
