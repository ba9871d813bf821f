// Slows password guessing without handing anyone an easy way to lock a victim out. Failures are counted
// per account AND client address (an IPv6 address by its /64): past a few free ones each further attempt
// from that address waits, twice as long each time (1 s, 2 s, 4 s… up to the window). On top, an
// account-wide cap bounds what many addresses together may try: past it, only addresses this account
// signed in from before may keep trying, so its owner is not shut out by a botnet.
import type { SecurityCounters } from '../../adapters/counters/security-counters.js';
import { addressGroup } from '../../domain/client-address.js';
import { TooManyRequests } from '../../domain/errors.js';

export interface LoginThrottlePolicy {
  /** Failures per account and address before attempts start to wait. */
  freeFailures: number;
  /** Failures per account, from all addresses together, before only known addresses may try. */
  accountFailures: number;
  /** How long failures are remembered, from the first; also the longest wait. */
  windowSeconds: number;
}

const FIRST_DELAY_MS = 1_000;
/** How long an address that signed in to an account stays known to it. */
const KNOWN_ADDRESS_MS = 30 * 24 * 3600 * 1000;

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
    await this.admitToAccount(keys);
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
    const keys = this.keys(email, address);
    const windowMs = this.policy.windowSeconds * 1000;
    await this.counters.increment(keys.failures, windowMs);
    await this.counters.increment(keys.accountFailures, windowMs);
  }

  async succeeded(email: string, address: string | null): Promise<void> {
    const { failures, wait, known } = this.keys(email, address);
    await this.counters.delete(failures, wait);
    await this.counters.hold(known, KNOWN_ADDRESS_MS);
  }

  /** Past the account-wide cap, refused unless this address signed in to the account before. */
  private async admitToAccount(keys: ReturnType<LoginThrottle['keys']>): Promise<void> {
    if ((await this.counters.count(keys.accountFailures)) < this.policy.accountFailures) return;
    if ((await this.counters.count(keys.known)) > 0) return;
    // Not counted as a failure: the cap lapses with its window however long the guessing goes on.
    const seconds = Math.max(1, Math.ceil((await this.counters.remainingMs(keys.accountFailures)) / 1000));
    throw new TooManyRequests(
      `Too many failed log-ins to this account; try again in ${seconds} s, or from a device you used before`,
      seconds,
      'account_login_limit',
    );
  }

  private keys(email: string, address: string | null) {
    const account = email.trim().toLowerCase();
    const pair = `${account}|${address ? addressGroup(address) : 'unknown'}`;
    return {
      failures: `login:failures:${pair}`,
      wait: `login:wait:${pair}`,
      known: `login:known:${pair}`,
      accountFailures: `login:account-failures:${account}`,
    };
  }
}
