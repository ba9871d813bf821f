// The spread table's videos: copies of one published video's row under new ids, made in one statement
// (a video page is one row of `videos` joined to its channel, so a copy reads exactly as the original).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/src/adapters/db/schema.js';

const copyId = (n: number) => `copy${String(n).padStart(7, '0')}`;

export async function copyVideo(db: Kysely<Database>, id: string, count: number): Promise<string[]> {
  await sql`
    INSERT INTO videos
    SELECT (jsonb_populate_record(original, jsonb_build_object('id', 'copy' || lpad(n::text, 7, '0')))).*
    FROM videos AS original, generate_series(1, ${count}) AS n
    WHERE original.id = ${id}`.execute(db);
  return Array.from({ length: count }, (_, index) => copyId(index + 1));
}
