// An encoder going live: ffmpeg publishes a synthetic picture and tone over RTMP in real time, with a
// stream key made over HTTP, as a person's OBS would.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { artifactPath } from './artifacts.js';

export interface Publisher {
  /** Stops sending, as an encoder's "Stop streaming" does, and waits for ffmpeg to exit. */
  stop(): Promise<void>;
}

/** A stream key of the account's channel: the URL an encoder publishes to, key included. */
export async function makeStreamKey(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/me/stream-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Test encoder' }),
  });
  if (!response.ok) throw new Error(`stream key: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { ingestUrl: string }).ingestUrl;
}

/**
 * 360p30 H.264 (a keyframe every second) and AAC, paced with -re, for at most `seconds`: a picture the
 * live ladder passes on as it is, so the machine spends little on it while the browser plays.
 */
export function publishLive(ingestUrl: string, seconds: number, logName: string): Publisher {
  const encoder: ChildProcess = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-v', 'error', '-nostdin', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-f', 'flv', ingestUrl],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  encoder.stderr?.pipe(createWriteStream(artifactPath(logName)));
  return {
    async stop() {
      if (encoder.exitCode !== null || encoder.signalCode !== null) return;
      const exited = once(encoder, 'exit');
      encoder.kill('SIGINT');
      await exited;
    },
  };
}
