// Fair turns between the groups (accounts) sending jobs to one queue, which pg-boss does not have. A job's
// turn is the number of its group's jobs already waiting or running; pg-boss hands out higher priorities
// first, then older jobs, so the priority is minus the turn. Each group's first job waiting thus comes
// before any group's second, in the order they were sent: one account's 50 uploads delay another's single
// upload by one video at most. The group is kept as the job's singleton key, which pg-boss only uses as a
// label in a standard-policy queue (without singletonSeconds).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export interface FairTurn {
  priority: number;
  singletonKey: string;
}

/** The turn of a group's next job; read inside the sending transaction when there is one. */
export async function fairTurn(db: Kysely<Database>, queue: string, group: string): Promise<FairTurn> {
  const { rows } = await sql<{ ahead: number }>`
    SELECT count(*)::int AS ahead FROM pgboss.job
    WHERE name = ${queue} AND singleton_key = ${group} AND state < 'completed'`.execute(db);
  return { priority: -(rows[0]?.ahead ?? 0), singletonKey: group };
}
