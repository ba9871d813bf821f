// SQL for accounts: a user row, the channel and the Watch later list created with it, always together; and
// each account's role.
// The first account of an instance becomes its administrator.
import { type Kysely, sql } from 'kysely';
import type { Account } from '../../domain/account.js';
import { Conflict } from '../../domain/errors.js';
import { WATCH_LATER_TITLE } from '../../domain/playlist.js';
import type { Role } from '../../domain/roles.js';
import { CHANNEL_COLUMNS, toChannel } from './rows.js';
import type { Database } from './schema.js';
import { violatedUniqueConstraint } from './unique-violation.js';

export interface NewAccount {
  email: string;
  passwordHash: string;
  handle: string;
  displayName: string;
}

/** Unique index → the conflict reported to the client. */
const CONFLICTS: Record<string, [code: string, message: string]> = {
  users_email_lower_key: ['email_taken', 'An account with this email already exists'],
  channels_handle_lower_key: ['handle_taken', 'This handle is already taken'],
};

export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(account: NewAccount): Promise<Account> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const user = await trx
          .insertInto('users')
          .values({
            email: account.email,
            password_hash: account.passwordHash,
            role: (await isFirstAccount(trx)) ? 'administrator' : 'member',
          })
          .returning(['id', 'email', 'role', 'created_at'])
          .executeTakeFirstOrThrow();
        const channel = await trx
          .insertInto('channels')
          .values({ owner_id: user.id, handle: account.handle, display_name: account.displayName })
          .returning(CHANNEL_COLUMNS)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('playlists')
          .values({
            owner_id: user.id,
            channel_id: channel.id,
            kind: 'watch_later',
            title: WATCH_LATER_TITLE,
            visibility: 'private',
          })
          .execute();
        const { id, email, role, created_at: createdAt } = user;
        return { id, email, role, createdAt, channel: toChannel(channel) };
      });
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      const conflict = constraint && CONFLICTS[constraint];
      if (conflict) throw new Conflict(...conflict);
      throw error;
    }
  }

  async findByEmail(email: string): Promise<{ account: Account; passwordHash: string } | undefined> {
    const row = await this.selectAccounts()
      .select('users.password_hash')
      .where(sql`lower(users.email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row && { account: toAccount(row), passwordHash: row.password_hash };
  }

  async findById(userId: string): Promise<Account | undefined> {
    const row = await this.selectAccounts().where('users.id', '=', userId).executeTakeFirst();
    return row && toAccount(row);
  }

  /**
   * Gives the account `role`; `record` joins the transaction (the audit log) and is told the role it had.
   * Refuses to leave the instance without an administrator: the administrators' rows are locked first, so
   * two of them demoting each other at once cannot both succeed. Undefined when there is no such account.
   */
  async setRole(
    userId: string,
    role: Role,
    record: (previous: Role, transaction: Kysely<Database>) => Promise<unknown>,
  ): Promise<Role | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const administrators = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'administrator')
        .forUpdate()
        .execute();
      const target = await trx
        .selectFrom('users')
        .select('role')
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!target) return undefined;
      const lastAdministrator = administrators.length === 1 && administrators[0]?.id === userId;
      if (lastAdministrator && role !== 'administrator')
        throw new Conflict('last_administrator', 'The instance needs at least one administrator');
      await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
      await record(target.role, trx);
      return target.role;
    });
  }

  private selectAccounts() {
    return this.db
      .selectFrom('users')
      .innerJoin('channels', 'channels.owner_id', 'users.id')
      .select([
        'users.id as user_id',
        'users.email',
        'users.role',
        'users.created_at as user_created_at',
        ...CHANNEL_COLUMNS,
      ]);
  }
}

type AccountSelection = Awaited<
  ReturnType<ReturnType<AccountRepository['selectAccounts']>['executeTakeFirstOrThrow']>
>;

function toAccount(row: AccountSelection): Account {
  return {
    id: row.user_id,
    email: row.email,
    role: row.role,
    createdAt: row.user_created_at,
    channel: toChannel(row),
  };
}

/**
 * Whether no account exists yet. Asked again under a lock when the table looks empty, so two first
 * sign-ups at once cannot both become administrator; once there is an account, nobody waits.
 */
async function isFirstAccount(trx: Kysely<Database>): Promise<boolean> {
  const anyone = () => trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (await anyone()) return false;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('first-account', 0))`.execute(trx);
  return (await anyone()) === undefined;
}
