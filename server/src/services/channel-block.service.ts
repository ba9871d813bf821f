// The people an owner blocks from commenting on their channel: refused on the owner's videos from now on,
// their earlier comments there hidden from everyone but themselves, shown again when unblocked.
import type { ChannelBlockRepository } from '../adapters/db/channel-block.repository.js';
import type { BlockedAccount } from '../domain/channel-block.js';
import { Conflict, NotFound } from '../domain/errors.js';
import { type Page, readPage } from '../domain/page.js';

export class ChannelBlockService {
  constructor(private readonly blocks: ChannelBlockRepository) {}

  async block(ownerId: string, accountId: string): Promise<void> {
    if (accountId === ownerId) throw new Conflict('cannot_block_yourself', 'You cannot block yourself');
    if (!(await this.blocks.block(ownerId, accountId)))
      throw new NotFound('account_not_found', 'No such account');
  }

  unblock(ownerId: string, accountId: string): Promise<void> {
    return this.blocks.unblock(ownerId, accountId);
  }

  list(ownerId: string, limit: number, cursor?: string): Promise<Page<BlockedAccount>> {
    return readPage(
      cursor,
      limit,
      (count, after) => this.blocks.list(ownerId, count, after),
      (blocked) => ({ at: blocked.blockedAt, id: blocked.accountId }),
      'uuid',
    );
  }
}
