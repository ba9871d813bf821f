// The writes a suspended account may not make (uploads, comments) lock its row first: a suspension, which
// locks the same row, then either waits for the write to commit or has committed and the write is refused.
import type { Kysely } from 'kysely';
import { accountSuspended } from '../../domain/suspension.js';
import type { Database } from './schema.js';

/** Locks the account's row until `transaction` ends (`share`: writes of its own do not wait on each other). */
export async function lockActiveAccount(
  transaction: Kysely<Database>,
  userId: string,
  mode: 'update' | 'share',
): Promise<void> {
  const query = transaction.selectFrom('users').select('suspended_at').where('id', '=', userId);
  const row = await (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
  if (row?.suspended_at) throw accountSuspended();
}
