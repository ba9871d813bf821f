// What the people of a benchmark do, over HTTP like a browser: sign up, upload (retrying what a 503 or a
// dropped connection refused, as the web app does), watch and report views. Every answer of 500 or more
// is recorded with its time, so a chaos run can tell those inside a fault window from those outside.

export interface ServerError {
  at: number;
  status: number;
  what: string;
}

/** What the API says of a video to its owner, as far as a benchmark looks. */
export interface VideoSeen {
  state: string;
  playable: boolean;
  error: string | null;
}

export class ApiClient {
  readonly serverErrors: ServerError[] = [];

  constructor(private readonly apiBases: string[]) {}

  /** One of the API processes, in turn, as a load balancer would spread requests. */
  private turn = 0;
  private base(): string {
    this.turn = (this.turn + 1) % this.apiBases.length;
    return this.apiBases[this.turn] as string;
  }

  /** A request to the API; 5xx recorded; a refused connection is a 502 a load balancer would give. */
  async call(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    };
    const answer = await fetch(`${this.base()}${path}`, init).catch(
      () => new Response(null, { status: 502 }),
    );
    if (answer.status >= 500)
      this.serverErrors.push({ at: Date.now(), status: answer.status, what: `${method} ${path}` });
    return answer;
  }

  /** Retries what failed for want of a dependency, backing off, for up to two minutes. */
  async persist(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
      const answer = await this.call(method, path, token, body);
      if (answer.status < 500 || delay >= 5_000 * 24) return answer;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  async signUp(): Promise<string> {
    const id = Math.random().toString(36).slice(2, 10);
    const answer = await this.persist('POST', '/api/v1/auth/register', undefined, {
      email: `bench.${id}@example.test`,
      password: 'correct horse battery staple',
      handle: `bench_${id}`,
      displayName: `Bench ${id}`,
    });
    if (answer.status !== 201) throw new Error(`sign-up answered ${answer.status}: ${await answer.text()}`);
    return ((await answer.json()) as { token: string }).token;
  }

  /** The whole upload; the video's id once `complete` was accepted, undefined if it never was. */
  async upload(token: string, bytes: Buffer): Promise<string | undefined> {
    const started = await this.persist('POST', '/api/v1/uploads', token, {
      fileName: 'upload.mp4',
      size: bytes.length,
      contentType: 'video/mp4',
    });
    if (started.status !== 201) return undefined;
    const plan = (await started.json()) as {
      uploadId: string;
      videoId: string;
      partSize: number;
      parts: { partNumber: number; url: string }[];
    };
    const sent = [];
    for (const part of plan.parts) {
      const body = bytes.subarray((part.partNumber - 1) * plan.partSize, part.partNumber * plan.partSize);
      // Embedded storage answers with paths on the API itself; S3 with absolute presigned URLs.
      const etag = await putPart(new URL(part.url, this.base()).toString(), body);
      if (etag === undefined) return undefined;
      sent.push({ partNumber: part.partNumber, etag });
    }
    const completed = await this.persist('POST', `/api/v1/uploads/${plan.uploadId}/complete`, token, {
      title: 'Benchmark upload',
      description: 'Uploaded by a benchmark',
      visibility: 'public',
      parts: sent,
    });
    return completed.status === 200 ? plan.videoId : undefined;
  }

  async video(token: string, videoId: string): Promise<VideoSeen | undefined> {
    const answer = await this.call('GET', `/api/v1/videos/${videoId}`, token);
    return answer.ok ? ((await answer.json()) as VideoSeen) : undefined;
  }

  async state(token: string, videoId: string): Promise<string | undefined> {
    return (await this.video(token, videoId))?.state;
  }

  /**
   * One view of a ready video by a new viewer, as a watch page makes it: a ticket when it opens, then
   * `watchedSeconds` of real time (a view counts only for time the server saw pass), then the report,
   * each to whichever API process is next. True when the API counted it.
   */
  async view(videoId: string, watchedSeconds: number): Promise<boolean> {
    const opened = await this.call('POST', `/api/v1/videos/${videoId}/watch-tickets`);
    if (!opened.ok) return false;
    const { ticket } = (await opened.json()) as { ticket: string };
    await new Promise((resolve) => setTimeout(resolve, watchedSeconds * 1000));
    const answer = await this.call('POST', `/api/v1/videos/${videoId}/views`, undefined, {
      ticket,
      watchedSeconds,
    });
    return answer.ok && ((await answer.json()) as { counted: boolean }).counted;
  }
}

/** A part straight to storage through its presigned URL, retried while storage is away. */
async function putPart(url: string, body: Buffer): Promise<string | undefined> {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const answer = await fetch(url, {
      method: 'PUT',
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(15_000),
    }).catch(() => undefined);
    if (answer?.ok) return answer.headers.get('etag') ?? '';
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return undefined;
}
