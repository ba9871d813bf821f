// One follower of a video's chat: the changes it has yet to send, in revision order, each once. Changes
// the tail hears before the follower has caught up with what it missed wait until it has.
import { type ChatChange, revisionOf } from '../../domain/chat.js';

export type FollowerNews = ChatChange | 'quiet' | 'ended';

export class ChatFollower {
  private readonly ready: ChatChange[] = [];
  /** Heard before catching up. */
  private held: ChatChange[] | undefined = [];
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(
    /** The last revision this follower was told of. */
    public seen: bigint,
  ) {}

  hear(change: ChatChange): void {
    if (this.held) this.held.push(change);
    else this.take(change);
  }

  /** What it missed, then what was heard meanwhile. */
  catchUp(missed: ChatChange[]): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const change of [...missed, ...held]) this.take(change);
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** The next change, 'quiet' when none came within `waitMs`, or 'ended'. */
  async next(waitMs: number): Promise<FollowerNews> {
    if (this.ready.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    const change = this.ready.shift();
    if (change) return change;
    return this.ended ? 'ended' : 'quiet';
  }

  private take(change: ChatChange): void {
    const revision = BigInt(revisionOf(change));
    if (revision <= this.seen) return;
    this.seen = revision;
    this.ready.push(change);
    this.wake?.();
  }
}
