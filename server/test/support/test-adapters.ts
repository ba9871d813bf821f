// Which adapter set this run tests: real PostgreSQL + Redis ("production") or PGlite + memory ("embedded").
export type TestAdapters = 'production' | 'embedded';

export const testAdapters: TestAdapters =
  process.env.TEST_ADAPTERS === 'embedded' ? 'embedded' : 'production';
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The URL of database `name` on the test PostgreSQL server. */
export function databaseUrl(name: string): string {
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Production: a migrated template database to copy. Embedded: a migrated PGlite data dir to copy. */
    template: string;
  }
}
