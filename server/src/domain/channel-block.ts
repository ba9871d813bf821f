// A person an owner blocked from commenting on their channel: their new comments there are refused, and
// the ones they wrote before are hidden from everyone but them until the owner unblocks them.

export interface BlockedAccount {
  accountId: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
  blockedAt: Date;
}
