// A route that takes a large body checks sign-in before reading it: an unauthenticated avatar upload is
// answered 401 as soon as its headers arrive, and the connection is closed rather than drained, so a
// stranger cannot make the server read (and buffer) megabytes before being turned away.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const SENT_BEFORE_ANSWER = 64 * 1024;

interface Exchange {
  answer: string;
  bytesSent: number;
  closedByServer: boolean;
}

/** Sends headers announcing `announced` bytes, then a trickle of body; what came back and when. */
function slowUpload(port: number, headers: string[], announced: number): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let bytesSent = 0;
    let closedByServer = false;
    const trickle = setInterval(() => {
      if (bytesSent >= SENT_BEFORE_ANSWER || socket.destroyed) return;
      socket.write(Buffer.alloc(4096, 7));
      bytesSent += 4096;
    }, 20);
    const finish = () => {
      clearInterval(trickle);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ answer, bytesSent, closedByServer });
    };
    // Without the early check the server waits for the rest of the body: no answer comes at all.
    const deadline = setTimeout(finish, 4_000);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
        closedByServer = true;
        return finish();
      }
      reject(error);
    });
    socket.write([...headers, `content-length: ${announced}`, 'connection: keep-alive', '', ''].join('\r\n'));
  });
}

describe('sign-in before a large body', () => {
  let test: TestPlatform;
  let port: number;
  beforeAll(async () => {
    test = await startTestPlatform();
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    port = (test.app.server.address() as AddressInfo).port;
  });
  afterAll(() => test.close());

  it('answers an unauthenticated avatar upload 401 and closes before the body arrives', async () => {
    const exchange = await slowUpload(
      port,
      ['PUT /api/v1/me/channel/avatar HTTP/1.1', 'host: 127.0.0.1', 'content-type: image/png'],
      AVATAR_MAX_BYTES,
    );
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(exchange.answer).toContain('"code":"unauthorized"');
    expect(exchange.closedByServer).toBe(true);
    expect(exchange.bytesSent).toBeLessThanOrEqual(SENT_BEFORE_ANSWER);
  });
});
