// SQL for accounts: a user row and the channel created with it, always together.
import { type Kysely, sql } from 'kysely';
import type { Account } from '../../domain/account.js';
import { Conflict } from '../../domain/errors.js';
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
          .values({ email: account.email, password_hash: account.passwordHash })
          .returning(['id', 'email', 'created_at'])
          .executeTakeFirstOrThrow();
        const channel = await trx
          .insertInto('channels')
          .values({ owner_id: user.id, handle: account.handle, display_name: account.displayName })
          .returning(CHANNEL_COLUMNS)
          .executeTakeFirstOrThrow();
        return { id: user.id, email: user.email, createdAt: user.created_at, channel: toChannel(channel) };
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

  private selectAccounts() {
    return this.db
      .selectFrom('users')
      .innerJoin('channels', 'channels.owner_id', 'users.id')
      .select([
        'users.id as user_id',
        'users.email',
        'users.created_at as user_created_at',
        ...CHANNEL_COLUMNS,
      ]);
  }
}

type AccountSelection = Awaited<
  ReturnType<ReturnType<AccountRepository['selectAccounts']>['executeTakeFirstOrThrow']>
>;

function toAccount(row: AccountSelection): Account {
  return { id: row.user_id, email: row.email, createdAt: row.user_created_at, channel: toChannel(row) };
}
