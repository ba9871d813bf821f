// Work that joins a repository's write in its transaction (enqueueing a job, writing the audit log), so
// both happen or neither.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type InTransaction = (transaction: Kysely<Database>) => Promise<unknown>;

/** Several pieces of work joining one transaction, one after the other. */
export function inSequence(...steps: InTransaction[]): InTransaction {
  return async (transaction) => {
    for (const step of steps) await step(transaction);
  };
}
