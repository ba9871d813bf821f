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
}

export interface Account {
  id: string;
  email: string;
  role: Role;
  /** Signed up while sign-ups needed approval, and not approved yet: cannot sign in. */
  awaitingApproval: boolean;
  createdAt: Date;
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

export interface SubscribedChannel {
  channel: Channel;
  subscribedAt: Date;
}
