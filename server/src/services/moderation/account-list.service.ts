// The administrators' users list: every account, newest first, found by handle, display name or email,
// with the storage each takes and the instance's total.
import type { AccountListRepository } from '../../adapters/db/account-list.repository.js';
import type { AccountOverview } from '../../domain/account.js';
import { type Page, readPage } from '../../domain/page.js';
import { type Actor, withPower } from '../../domain/roles.js';

export interface AccountList extends Page<AccountOverview> {
  totalStorageBytes: number;
}

export class AccountListService {
  constructor(private readonly accounts: AccountListRepository) {}

  async list(actor: Actor, search: string, limit: number, cursor?: string): Promise<AccountList> {
    withPower(actor, 'administer');
    const [page, totalStorageBytes] = await Promise.all([
      readPage(
        cursor,
        limit,
        (count, after) => this.accounts.newest(search, count, after),
        (account) => ({ at: account.createdAt, id: account.id }),
        'uuid',
      ),
      this.accounts.totalStorageBytes(),
    ]);
    return { ...page, totalStorageBytes };
  }
}
