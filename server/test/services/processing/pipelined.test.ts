import { describe, expect, it } from 'vitest';
import { pipelined } from '../../../src/services/processing/pipelined.js';

/** A promise the test settles by hand, so the order of events is the test's, not the clock's. */
function deferred() {
  let resolve = () => {};
  let reject = (_reason: unknown) => {};
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('pipelined', () => {
  it('prepares the next item while the one before finishes, finishing in order, one at a time', async () => {
    const events: string[] = [];
    const finishes = [deferred(), deferred(), deferred()];
    const done = pipelined(
      [0, 1, 2],
      async (item) => {
        events.push(`prepare ${item}`);
        return item * 10;
      },
      async (item, prepared) => {
        events.push(`finish ${item} (${prepared}) starts`);
        await finishes[item]?.promise;
        events.push(`finish ${item} ends`);
      },
    );
    await settle();
    expect(events).toEqual(['prepare 0', 'finish 0 (0) starts', 'prepare 1']);
    finishes[0]?.resolve();
    await settle();
    expect(events.slice(3)).toEqual(['finish 0 ends', 'finish 1 (10) starts', 'prepare 2']);
    finishes[1]?.resolve();
    finishes[2]?.resolve();
    await done;
    expect(events.slice(6)).toEqual(['finish 1 ends', 'finish 2 (20) starts', 'finish 2 ends']);
  });

  it('stops at a failed finish once the preparation under way has ended, and starts nothing more', async () => {
    const events: string[] = [];
    const preparing = deferred();
    const done = pipelined(
      [0, 1, 2],
      async (item) => {
        events.push(`prepare ${item}`);
        if (item === 1) await preparing.promise;
        events.push(`prepared ${item}`);
      },
      async (item) => {
        events.push(`finish ${item}`);
        if (item === 0) throw new Error('storage refused');
      },
    );
    const outcome = done.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await settle();
    expect(events).toEqual(['prepare 0', 'prepared 0', 'finish 0', 'prepare 1']);
    preparing.resolve();
    expect(await outcome).toBe('storage refused');
    expect(events).toEqual(['prepare 0', 'prepared 0', 'finish 0', 'prepare 1', 'prepared 1']);
  });

  it('stops at a failed preparation once the finish under way has ended', async () => {
    const events: string[] = [];
    await expect(
      pipelined(
        [0, 1, 2],
        async (item) => {
          if (item === 1) throw new Error('cut failed');
        },
        async (item) => {
          events.push(`finish ${item}`);
        },
      ),
    ).rejects.toThrow('cut failed');
    expect(events).toEqual(['finish 0']);
  });
});
