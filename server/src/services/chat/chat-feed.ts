// A video's chat as the followers in this process hear it: one tail per followed video asks the database
// for the changes after the last revision it saw, a few times a second (whichever API process took the
// message), and at once when a write in this process pokes it. However many people follow a video here,
// the process asks once per look.
import type { ChatRepository } from '../../adapters/db/chat.repository.js';
import { type ChatChange, revisionOf } from '../../domain/chat.js';
import { ChatFollower } from './chat-follower.js';

/** The most changes one look reads; a busier chat is read in several looks in a row. */
const LOOK_LIMIT = 500;

interface Tail {
  /** Read once, when the first follower comes. */
  started: Promise<void>;
  revision: bigint;
  followers: Set<ChatFollower>;
  timer: NodeJS.Timeout | undefined;
  looking: Promise<void> | undefined;
  /** A poke arrived while a look was under way: look again right after it. */
  again: boolean;
}

export class ChatFeed {
  private readonly tails = new Map<string, Tail>();

  constructor(
    private readonly chat: ChatRepository,
    private readonly lookEveryMs: number,
  ) {}

  /**
   * A new follower of the video's chat, told of every change after `after` (a revision it saw, when it
   * comes back) or, without one, of every change from now on.
   */
  async follow(videoId: string, after: string | undefined, gone: AbortSignal): Promise<ChatFollower> {
    const tail = this.tailOf(videoId);
    await tail.started;
    // A revision after the latest was never given out: it counts as the latest.
    const seen = after === undefined || BigInt(after) > tail.revision ? tail.revision : BigInt(after);
    const follower = new ChatFollower(seen);
    tail.followers.add(follower);
    if (gone.aborted) this.leave(videoId, tail, follower);
    else gone.addEventListener('abort', () => this.leave(videoId, tail, follower), { once: true });
    if (follower.seen < tail.revision) {
      // Came back after missing some: those are read for it alone, then it hears what the tail hears.
      follower.catchUp(await this.chat.changesAfter(videoId, String(follower.seen), LOOK_LIMIT));
    } else {
      follower.catchUp([]);
    }
    return follower;
  }

  /** A write in this process: its followers hear of it without waiting for the next look. */
  poke(videoId: string): void {
    const tail = this.tails.get(videoId);
    if (tail) void tail.started.then(() => this.look(videoId, tail));
  }

  private tailOf(videoId: string): Tail {
    const known = this.tails.get(videoId);
    if (known) return known;
    const tail: Tail = {
      started: this.chat.head(videoId).then((head) => {
        tail.revision = BigInt(head);
        // Ended with its last follower; never what keeps a process from exiting.
        tail.timer = setInterval(() => void this.look(videoId, tail), this.lookEveryMs).unref();
      }),
      revision: 0n,
      followers: new Set(),
      timer: undefined,
      looking: undefined,
      again: false,
    };
    this.tails.set(videoId, tail);
    tail.started.catch(() => this.forget(videoId, tail));
    return tail;
  }

  private look(videoId: string, tail: Tail): Promise<void> {
    if (tail.looking) {
      tail.again = true;
      return tail.looking;
    }
    tail.looking = this.read(videoId, tail).finally(() => {
      tail.looking = undefined;
      if (tail.again) {
        tail.again = false;
        void this.look(videoId, tail);
      }
    });
    return tail.looking;
  }

  private async read(videoId: string, tail: Tail): Promise<void> {
    let changes: ChatChange[];
    do {
      // A look that fails (the database away) is tried again at the next tick.
      changes = await this.chat.changesAfter(videoId, String(tail.revision), LOOK_LIMIT).catch(() => []);
      for (const change of changes) {
        tail.revision = BigInt(revisionOf(change));
        for (const follower of tail.followers) follower.hear(change);
      }
    } while (changes.length === LOOK_LIMIT && tail.followers.size > 0);
  }

  private leave(videoId: string, tail: Tail, follower: ChatFollower): void {
    tail.followers.delete(follower);
    follower.end();
    if (tail.followers.size > 0) return;
    this.forget(videoId, tail);
  }

  private forget(videoId: string, tail: Tail): void {
    clearInterval(tail.timer);
    if (this.tails.get(videoId) === tail) this.tails.delete(videoId);
  }
}
