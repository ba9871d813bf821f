// Reads a Server-Sent Events answer as it arrives (the tests' streams that do not end by themselves):
// `next` waits for the next event, and fails the test if none comes in time.
export interface StreamedEvent {
  event: string;
  id: string | undefined;
  data: unknown;
}

export interface OpenedStream {
  response: Response;
  next(seconds?: number): Promise<StreamedEvent>;
  close(): void;
}

export async function followEvents(url: string, headers: Record<string, string> = {}): Promise<OpenedStream> {
  const aborter = new AbortController();
  const response = await fetch(url, { headers, signal: aborter.signal });
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  const events: StreamedEvent[] = [];
  let buffer = '';
  /** A read that lost a race against the clock is kept for the next call: its text is not lost. */
  let pending: ReturnType<NonNullable<typeof reader>['read']> | undefined;
  return {
    response,
    async next(seconds = 10) {
      const deadline = Date.now() + seconds * 1000;
      while (events.length === 0) {
        if (!reader) throw new Error(`no body: ${response.status}`);
        const left = deadline - Date.now();
        pending ??= reader.read();
        const read = await Promise.race([
          pending,
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), Math.max(0, left))),
        ]);
        if (read === undefined) throw new Error(`no event within ${seconds} s`);
        pending = undefined;
        if (read.done) throw new Error('the stream ended');
        buffer += read.value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const fields = new Map(
            block
              .split('\n')
              .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
          );
          const event = fields.get('event');
          if (event)
            events.push({ event, id: fields.get('id'), data: JSON.parse(fields.get('data') ?? 'null') });
        }
      }
      return events.shift() as StreamedEvent;
    },
    close() {
      aborter.abort();
    },
  };
}
