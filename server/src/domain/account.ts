// A user: the account and the channel every user owns, and the channels they follow.
import type { Role } from './roles.js';

export interface Channel {
  id: string;
  ownerId: string;
  handle: string;
  displayName: string;
  description: string;
  avatarKey: string | null;
  subscriberCount: number;
  videoCount: number;
  createdAt: Date;
  /** Its owner's account is suspended: the channel is shown to moderators and administrators only. */
  suspended: boolean;
}

export interface Account {
  id: string;
  email: string;
  role: Role;
  /** Signed up while sign-ups needed approval, and not approved yet: cannot sign in. */
  awaitingApproval: boolean;
  createdAt: Date;
  /** Set while moderators keep the account suspended: it cannot sign in, its channel and videos are hidden. */
  suspendedAt: Date | null;
  channel: Channel;
}

/** An account an administrator has yet to approve or decline, as the list of them shows it. */
export interface PendingAccount {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  createdAt: Date;
}

export type AccountState = 'active' | 'suspended';

export function stateOf(account: { suspendedAt: Date | null }): AccountState {
  return account.suspendedAt === null ? 'active' : 'suspended';
}

export interface SubscribedChannel {
  channel: Channel;
  subscribedAt: Date;
}

/** An account as the administrators' users list shows it. */
export interface AccountOverview {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  suspendedAt: Date | null;
  createdAt: Date;
  /** What its videos' uploads take in storage (processed files are not recorded, so not counted). */
  storageBytes: number;
  videoCount: number;
}
