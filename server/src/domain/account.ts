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
  createdAt: Date;
  channel: Channel;
}

export interface SubscribedChannel {
  channel: Channel;
  subscribedAt: Date;
}
