// Kysely table types: the one description of the SQL schema the code relies on.
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface ChannelsTable {
  id: Generated<string>;
  owner_id: string;
  handle: string;
  display_name: string;
  description: Generated<string>;
  avatar_key: string | null;
  subscriber_count: Generated<number>;
  video_count: Generated<number>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  user_agent: string | null;
  ip: string | null;
}

export interface Database {
  users: UsersTable;
  channels: ChannelsTable;
  sessions: SessionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type SessionRow = Selectable<SessionsTable>;
