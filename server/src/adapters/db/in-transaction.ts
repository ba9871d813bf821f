// Work that joins a repository's write in its transaction (enqueueing a job, writing the audit log), so
// both happen or neither.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type InTransaction = (transaction: Kysely<Database>) => Promise<unknown>;

