// Accounts and log-in sessions: register, log in and out, and resolve a session token to its account.
// Sign-ups follow the instance's setting: open, closed, or each new account waiting for approval.

import type { AccountRepository } from '../../adapters/db/account.repository.js';
import type { SessionRepository } from '../../adapters/db/session.repository.js';
import type { Account } from '../../domain/account.js';
import { Forbidden, Unauthorized } from '../../domain/errors.js';
import type { SignUpMode } from '../../domain/instance-settings.js';
import { accountSuspended } from '../../domain/suspension.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords.js';
import { hashSessionToken, newSessionToken } from './session-tokens.js';

export interface AuthDeps {
  accounts: AccountRepository;
  sessions: SessionRepository;
  sessionTtlDays: number;
  throttle: LoginThrottle;
  /** Who may sign up now: the instance setting. */
  signUps: () => Promise<SignUpMode>;
  now?: () => Date;
}

export interface Registration {
  email: string;
  password: string;
  handle: string;
  displayName: string;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

export interface SignedIn {
  account: Account;
  token: string;
  expiresAt: Date;
}

/** A sign-up: signed in at once, or an account that waits for an administrator's approval. */
export type Registered =
  | ({ awaitingApproval: false } & SignedIn)
  | { awaitingApproval: true; account: Account };

/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export class AuthService {
  private readonly now: () => Date;

  constructor(private readonly deps: AuthDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async register(registration: Registration, client: ClientInfo): Promise<Registered> {
    const signUps = await this.deps.signUps();
    if (signUps === 'closed')
      throw new Forbidden('sign_ups_closed', 'This instance does not take new accounts at the moment');
    const account = await this.deps.accounts.create({
      email: registration.email.trim(),
      passwordHash: await hashPassword(registration.password),
      handle: registration.handle,
      displayName: registration.displayName.trim(),
      awaitingApproval: signUps === 'approval',
    });
    if (account.awaitingApproval) return { awaitingApproval: true, account };
    return { awaitingApproval: false, ...(await this.startSession(account, client)) };
  }

  async logIn(email: string, password: string, client: ClientInfo): Promise<SignedIn> {
    await this.deps.throttle.admit(email, client.ip);
    const found = await this.deps.accounts.findByEmail(email.trim());
    const valid = found
      ? await verifyPassword(found.passwordHash, password)
      : await verifyAgainstDecoy(password);
    if (!found || !valid) {
      await this.deps.throttle.failed(email, client.ip);
      throw new Unauthorized('invalid_credentials', 'Email or password is incorrect');
    }
    await this.deps.throttle.succeeded(email, client.ip);
    // Told only to whoever knows the password: an unknown email still reads as a wrong password, and
    // nobody else learns the account awaits approval or is suspended.
    if (found.account.awaitingApproval)
      throw new Forbidden(
        'account_awaiting_approval',
        'Your account awaits approval by an administrator of this instance',
      );
    if (found.account.suspendedAt !== null) throw accountSuspended();
    return this.startSession(found.account, client);
  }

  /** The account a token belongs to, or undefined for an unknown, revoked or expired token, or a suspended account. */
  async authenticate(token: string): Promise<{ account: Account; tokenHash: string } | undefined> {
    const tokenHash = hashSessionToken(token);
    const now = this.now();
    const session = await this.deps.sessions.findActive(tokenHash, now);
    if (!session) return undefined;
    const account = await this.deps.accounts.findById(session.userId);
    // A suspension ends every session; this also refuses one started while it was being written.
    if (!account || account.suspendedAt !== null) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.deps.sessions.touch(tokenHash, now);
    }
    return { account, tokenHash };
  }

  async logOut(tokenHash: string): Promise<void> {
    await this.deps.sessions.delete(tokenHash);
  }

  async logOutEverywhere(userId: string): Promise<number> {
    return this.deps.sessions.deleteAllForUser(userId);
  }

  async purgeExpiredSessions(): Promise<number> {
    return this.deps.sessions.deleteExpired(this.now());
  }

  private async startSession(account: Account, client: ClientInfo): Promise<SignedIn> {
    const token = newSessionToken();
    const expiresAt = new Date(this.now().getTime() + this.deps.sessionTtlDays * 86_400_000);
    await this.deps.sessions.create({
      tokenHash: hashSessionToken(token),
      userId: account.id,
      expiresAt,
      ...client,
    });
    return { account, token, expiresAt };
  }
}
