# Shared by the test command and the repeat command: the server suites against real services.

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"

# server_suite ADAPTERS REPORT [FILTERS…]: the server suites on one adapter set (production: PostgreSQL,
# Redis and an S3-protocol server; embedded: PGlite, the local disk and in-process caches), vitest's JSON
# in REPORT; FILTERS narrow the test files as vitest's own arguments do.
server_suite() {
  local adapters=$1 report=$2
  shift 2
  say "server tests on $adapters adapters"
  (cd server && TEST_ADAPTERS=$adapters npx vitest run --reporter=default --reporter=json \
    --outputFile.json="$report" "$@")
}
