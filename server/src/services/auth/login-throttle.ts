// Slows password guessing without handing anyone a way to lock a victim out: failures are counted per
// account AND client address, and past a few free ones each further attempt from that address waits,
// twice as long each time (1 s, 2 s, 4 s… up to the window). The owner, from any other address, is
// never slowed by what an attacker does.
import type { SecurityCounters } from '../../adapters/counters/security-counters.js';
import { TooManyRequests } from '../../domain/errors.js';

export interface LoginThrottlePolicy {
  /** Failures per account and address before attempts start to wait. */
  freeFailures: number;
  /** How long failures are remembered, from the first; also the longest wait. */
  windowSeconds: number;
}

const FIRST_DELAY_MS = 1_000;

/** The wait after `failures` failures: doubling past the free ones, capped at the window. */
export function loginDelayMs(failures: number, policy: LoginThrottlePolicy): number {
  const doublings = Math.max(0, failures - policy.freeFailures);
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(doublings, 30), policy.windowSeconds * 1000);
}

export class LoginThrottle {
  constructor(
    private readonly counters: SecurityCounters,
    private readonly policy: LoginThrottlePolicy,
  ) {}

  /**
   * Lets an attempt through, or refuses it while this address must wait. Past the free failures only one
   * attempt per wait goes through (a claim, so a burst cannot slip several in), and a refused attempt
   * counts as a failure: hammering makes the wait grow.
   */
  async admit(email: string, address: string | null): Promise<void> {
    const keys = this.keys(email, address);
    const failures = await this.counters.count(keys.failures);
    if (failures < this.policy.freeFailures) return;
    if (await this.counters.claim(keys.wait, loginDelayMs(failures, this.policy))) return;
    const { count } = await this.counters.increment(keys.failures, this.policy.windowSeconds * 1000);
    const wait = loginDelayMs(count, this.policy);
    await this.counters.hold(keys.wait, wait);
    const seconds = Math.ceil(wait / 1000);
    throw new TooManyRequests(
      `Too many failed log-ins from this address; try again in ${seconds} s`,
      seconds,
    );
  }

  async failed(email: string, address: string | null): Promise<void> {
    await this.counters.increment(this.keys(email, address).failures, this.policy.windowSeconds * 1000);
  }

  async succeeded(email: string, address: string | null): Promise<void> {
    const { failures, wait } = this.keys(email, address);
    await this.counters.delete(failures, wait);
  }

  private keys(email: string, address: string | null) {
    const pair = `${email.trim().toLowerCase()}|${address ?? 'unknown'}`;
    return { failures: `login:failures:${pair}`, wait: `login:wait:${pair}` };
  }
}
