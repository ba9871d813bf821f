import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_QUEUES,
  JOBS_OUTSTANDING,
  startQueueDepthMetric,
} from '../../src/platform/queue-depth-metric.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  Queue: string;
  JobsOutstanding: number;
}

/** The lines one publication writes, parsed. */
async function publishOnce(namespace: string): Promise<EmfLine[]> {
  const lines: string[] = [];
  const queue = test.platform.queue;
  let stop = () => {};
  await new Promise<void>((resolve) => {
    stop = startQueueDepthMetric(() => queue.outstanding(), pino({ level: 'silent' }), {
      namespace,
      intervalMs: 60_000,
      write: (line) => {
        lines.push(line);
        if (JSON.parse(line).Queue === ALL_QUEUES) resolve();
      },
    });
  });
  stop();
  return lines.map((line) => JSON.parse(line) as EmfLine);
}

describe('queue depth as CloudWatch embedded metrics', () => {
  it('publishes the transcode jobs waiting in PostgreSQL, per queue and in sum, as EMF', async () => {
    const before = await publishOnce('VidStream/test');
    const transcodesBefore = before.find((line) => line.Queue === 'transcode-video')?.JobsOutstanding ?? 0;
    await test.platform.queue.send('transcode-video', { videoId: 'AAAAAAAAAAA' });
    await test.platform.queue.send('transcode-video', { videoId: 'BBBBBBBBBBB' });

    const after = await publishOnce('VidStream/test');
    const transcodes = after.find((line) => line.Queue === 'transcode-video');
    expect(transcodes?.JobsOutstanding).toBe(transcodesBefore + 2);
    const sum = after
      .filter((line) => line.Queue !== ALL_QUEUES)
      .reduce((n, line) => n + line.JobsOutstanding, 0);
    expect(after.find((line) => line.Queue === ALL_QUEUES)?.JobsOutstanding).toBe(sum);
    expect(transcodes?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'VidStream/test',
        Dimensions: [['Queue']],
        Metrics: [{ Name: JOBS_OUTSTANDING, Unit: 'Count' }],
      },
    ]);
    expect(Math.abs((transcodes?._aws.Timestamp ?? 0) - Date.now())).toBeLessThan(10_000);
  });

  it('counts a job a worker has taken until it ends, so a running worker is not scaled away', async () => {
    const queue = test.platform.queue;
    let taken = () => {};
    let release = () => {};
    const wasTaken = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await queue.work('notify-subscribers', 1, async () => {
      taken();
      await released;
    });
    await queue.send('notify-subscribers', { videoId: 'CCCCCCCCCCC' });
    await wasTaken;

    const lines = await publishOnce('VidStream');
    expect(lines.find((line) => line.Queue === 'notify-subscribers')?.JobsOutstanding).toBe(1);
    expect((await queue.depths())['notify-subscribers']).toBe(0);
    release();
  });
});
