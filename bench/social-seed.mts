// Seeds the social benchmark's database with generate_series: 1 000 000 videos over 50 000 channels,
// 10 000 000 comments (500 000 of them on one popular video, a third of those replies), 5 000 000
// reactions, a million subscriptions, a week of daily views and ten co-watched videos per video. Ids are generated in order, so every
// index is filled front to back; the whole load takes a few minutes on two cores.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../server/src/adapters/db/schema.js';

/**
 * BENCH_SCALE shrinks (or grows) every table, for a quick trial of the script itself. `--quick` makes it
 * 0.05: seeded in a minute or two, and still 200 pages of comments on the popular video.
 */
export const SCALE_FACTOR = Number(process.env.BENCH_SCALE ?? (process.argv.includes('--quick') ? 0.05 : 1));
const scaled = (count: number) => Math.max(1_000, Math.round(count * SCALE_FACTOR));

export const SCALE = {
  users: scaled(100_000),
  channels: scaled(50_000),
  videos: scaled(1_000_000),
  comments: scaled(10_000_000),
  popularThreads: scaled(300_000),
  popularReplies: scaled(200_000),
  reactions: scaled(5_000_000),
  subscriptions: scaled(1_000_000),
  trendingCandidates: scaled(100_000),
};

/** The video with half a million comments; index 3 is public (see the visibility rule below). */
export const POPULAR_VIDEO = videoId(3);

export function videoId(index: number): string {
  return `v${String(index).padStart(10, '0')}`;
}

export const channelHandle = (index: number) => `channel${index}`;

/** Words titles, descriptions and channel names are drawn from; searches use them too. */
export const VOCABULARY = `
  bread sourdough pasta pizza kitchen recipe guitar piano drums lesson tutorial review unboxing travel
  mountain ocean river city night morning coffee tea garden flower tree forest desert island camera
  drone video photo editing color music song cover live concert festival dance workout yoga running
  cycling football tennis chess puzzle game speedrun minecraft strategy build house repair car engine
  bike electric solar battery phone laptop keyboard mouse monitor linux code program python rust web
  design art paint drawing sketch comic story history science space planet star galaxy rocket launch
  physics chemistry biology ocean whale shark bird cat dog horse farm harvest winter summer autumn
  spring rain snow storm sunset sunrise beach lake valley bridge tower castle museum market street
  food vegan dessert cake cookie chocolate cheese soup salad noodle rice curry spicy sweet quick easy
  beginner advanced secret trick tips guide daily vlog family friends wedding party holiday weekend
`
  .trim()
  .split(/\s+/);

const uuid = (prefix: string, index: ReturnType<typeof sql>) =>
  sql`(${sql.lit(prefix)} || lpad(to_hex(${index}), 24, '0'))::uuid`;

/** `count` words picked by a hash of `seed`, joined by spaces. */
const words = (seed: ReturnType<typeof sql>, count: number) =>
  sql`(SELECT string_agg((${sql.lit(`{${VOCABULARY.join(',')}}`)}::text[])[1 + abs(hashint4(${seed} * 31 + k)) % ${sql.lit(VOCABULARY.length)}], ' ')
       FROM generate_series(1, ${sql.lit(count)}) AS k)`;

export async function seed(db: Kysely<Database>, log: (step: string) => void): Promise<void> {
  await sql`SET synchronous_commit = off`.execute(db);
  // Bulk load: no foreign-key or search triggers row by row (the data is consistent by construction, and
  // search documents are written in bulk below).
  await sql`SET session_replication_role = replica`.execute(db);
  await sql`SET maintenance_work_mem = '512MB'`.execute(db);
  // Indexes are built once the rows are in: sorting once is far cheaper than millions of random inserts.
  const deferred = await sql<{ indexdef: string; indexname: string }>`
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = 'public'
      AND tablename IN ('videos', 'comments', 'video_reactions', 'subscriptions', 'video_daily_views',
                        'co_watch_counts')
      AND indexname NOT LIKE '%_pkey'`.execute(db);
  for (const { indexname } of deferred.rows) await sql`DROP INDEX ${sql.id(indexname)}`.execute(db);
  const step = async (name: string, statement: ReturnType<typeof sql>) => {
    const started = performance.now();
    await statement.execute(db);
    log(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };

  await step(
    `${SCALE.users} users`,
    sql`INSERT INTO users (id, email, password_hash, created_at)
        SELECT ${uuid('00000000', sql`i`)}, 'bench' || i || '@example.test', 'not-a-hash', now()
        FROM generate_series(1, ${SCALE.users}) AS i`,
  );
  await step(
    `${SCALE.channels} channels`,
    sql`INSERT INTO channels (id, owner_id, handle, display_name, created_at)
        SELECT ${uuid('10000000', sql`i`)}, ${uuid('00000000', sql`i`)}, 'channel' || i,
               initcap(${words(sql`i + 7`, 2)}), now()
        FROM generate_series(1, ${SCALE.channels}) AS i`,
  );
  await step(
    `${SCALE.videos} videos`,
    sql`INSERT INTO videos (id, owner_id, channel_id, state, visibility, title, description, source_file_name,
                            source_size, source_content_type, part_size, progress, duration_seconds, width, height,
                            renditions, created_at, updated_at, published_at, view_count, search_document)
        SELECT v.id, ${uuid('00000000', sql`v.channel`)}, ${uuid('10000000', sql`v.channel`)},
               CASE WHEN v.i % 100 = 0 THEN 'processing' ELSE 'ready' END,
               CASE v.i % 20 WHEN 1 THEN 'unlisted' WHEN 2 THEN 'private' ELSE 'public' END,
               v.title, v.description, 'bench.mp4', 1, 'video/mp4', 8388608, 100,
               30 + abs(hashint4(v.i)) % 1800, 1920, 1080,
               '[{"name":"1080p","width":1920,"height":1080,"frameRate":30,"maxKbps":5000}]',
               v.published, v.published, CASE WHEN v.i % 100 = 0 THEN NULL ELSE v.published END,
               (10000000 / (1 + abs(hashint4(v.i * 13)) % 100000)),
               setweight(to_tsvector('simple', v.title), 'A')
                 || setweight(to_tsvector('simple', c.display_name || ' ' || c.handle), 'B')
                 || setweight(to_tsvector('simple', v.description), 'C')
        FROM (SELECT i, 'v' || lpad(i::text, 10, '0') AS id, 1 + i % ${SCALE.channels} AS channel,
                     initcap(${words(sql`i`, 4)}) AS title, ${words(sql`i + 1000003`, 12)} AS description,
                     now() - (${SCALE.videos} - i) * interval '90 seconds' AS published
              FROM generate_series(1, ${SCALE.videos}) AS i) AS v
        JOIN channels c ON c.id = ${uuid('10000000', sql`v.channel`)}`,
  );
  await step(
    `${SCALE.comments} comments`,
    sql`INSERT INTO comments (id, video_id, author_id, parent_id, body, reply_count, created_at)
        SELECT ${uuid('20000000', sql`c`)},
               CASE WHEN c <= ${SCALE.popularThreads + SCALE.popularReplies} THEN ${POPULAR_VIDEO}
                    ELSE 'v' || lpad((1 + abs(hashint4(c)) % ${SCALE.videos})::text, 10, '0') END,
               ${uuid('00000000', sql`1 + abs(hashint4(c * 7)) % ${SCALE.channels}`)},
               CASE WHEN c > ${SCALE.popularThreads} AND c <= ${SCALE.popularThreads + SCALE.popularReplies}
                    THEN ${uuid('20000000', sql`1 + c % 1000`)} END,
               'Comment number ' || c || ' with a few words to make it a realistic length for a comment.',
               CASE WHEN c <= 1000 THEN ${Math.round(SCALE.popularReplies / 1000)} ELSE 0 END,
               now() - c * interval '1 second'
        FROM generate_series(1, ${SCALE.comments}) AS c`,
  );
  await step(
    `${SCALE.reactions} reactions`,
    sql`INSERT INTO video_reactions (video_id, user_id, value)
        SELECT 'v' || lpad((1 + (r - 1) % ${SCALE.videos})::text, 10, '0'),
               ${uuid('00000000', sql`1 + ((r - 1) / ${SCALE.videos}) * 20011 % ${SCALE.users}`)},
               CASE WHEN r % 10 = 0 THEN 'dislike' ELSE 'like' END
        FROM generate_series(1, ${SCALE.reactions}) AS r`,
  );
  await step(
    `${SCALE.subscriptions} subscriptions`,
    sql`INSERT INTO subscriptions (subscriber_id, channel_id, created_at)
        SELECT ${uuid('00000000', sql`${SCALE.channels} + 1 + s / 20`)},
               ${uuid('10000000', sql`1 + abs(hashint4(s)) % ${SCALE.channels}`)}, now()
        FROM generate_series(0, ${SCALE.subscriptions - 1}) AS s
        ON CONFLICT DO NOTHING`,
  );
  await step(
    'a week of daily views',
    sql`INSERT INTO video_daily_views (video_id, day, views)
        SELECT 'v' || lpad((1 + abs(hashint4(v)) % ${SCALE.videos})::text, 10, '0'), current_date - d,
               1 + abs(hashint4(v * 17 + d)) % 5000
        FROM generate_series(1, ${SCALE.trendingCandidates}) AS v, generate_series(0, 6) AS d
        ON CONFLICT DO NOTHING`,
  );
  // Every video is co-watched with the five videos at fixed distances before and after it, each pair by
  // the same number of people both ways round (as the fold job counts them), written in id order.
  await step(
    `${SCALE.videos * 10} co-watch counts`,
    sql`INSERT INTO co_watch_counts (video_id, other_video_id, viewers)
        SELECT 'v' || lpad(i::text, 10, '0'),
               'v' || lpad((1 + (i - 1 + n.distance + ${SCALE.videos}) % ${SCALE.videos})::text, 10, '0'),
               1 + abs(hashint4(least(i, 1 + (i - 1 + n.distance + ${SCALE.videos}) % ${SCALE.videos}) * 7
                                + abs(n.distance))) % 200
        FROM generate_series(1, ${SCALE.videos}) AS i,
             unnest(ARRAY[-211, -97, -31, -7, -1, 1, 7, 31, 97, 211]) AS n(distance)
        ORDER BY i, n.distance`,
  );
  await step(
    'title words',
    sql`INSERT INTO search_words (word)
        SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', title))) FROM videos
        WHERE state = 'ready' AND visibility = 'public'`,
  );
  const started = performance.now();
  for (const { indexdef } of deferred.rows) await sql.raw(indexdef).execute(db);
  log(`${deferred.rows.length} indexes (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  await sql`SET session_replication_role = origin`.execute(db);
  await step('vacuum analyze', sql`VACUUM ANALYZE`);
}
