// What services and routes know of a user: the account and the channel every user owns.
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
  createdAt: Date;
  channel: Channel;
}
