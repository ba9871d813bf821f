#!/usr/bin/env bash
# The test command: installs what the suites need, runs every suite against real services, and ends with
# one line "N passed, N failed". Lint, typecheck and build count as one test each.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
source scripts/lib/server-suite.sh

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if ! { require_node && ensure_node_modules && ensure_ffmpeg && ensure_chromium && ensure_podman && ensure_postgres && ensure_redis; }; then
  echo "The test machine is missing something (see above)."
  echo "0 passed, 1 failed"
  exit 1
fi

check() {
  local name=$1
  shift
  say "$name"
  if "$@"; then echo "$name passed" >>"$results/checks"; else echo "$name failed" >>"$results/checks"; fi
}

# The browser suite starts the app just built, as `npm start` does, and drives it with Chromium.
browser_suite() {
  say "browser tests"
  (cd e2e && npx vitest run --reporter=default --reporter=json --outputFile.json="$results/e2e.json")
}

# The deployment files as people deploy them: the compose stack and the AWS app (deploy/).
deploy_suite() {
  say "deployment tests"
  (cd deploy && npx vitest run --reporter=default --reporter=json --outputFile.json="$results/deploy.json")
}

# The container suite builds the image from this checkout and runs it as people would (deploy/container/).
container_suite() {
  say "container tests"
  (cd deploy && npx vitest run --config container/vitest.config.ts --reporter=default --reporter=json \
    --outputFile.json="$results/container.json")
}

check lint npm run lint --silent
check typecheck npm run typecheck --silent
check build npm run build --silent
# The same server suites, once on real PostgreSQL + Redis and once on the embedded adapters, side by side:
# vitest gives each one worker on this two-core machine (its files one after another), their services are
# apart (a database, key prefix and data directory per test file), and in turn they took half the run.
# The embedded suite's output follows the production suite's, whole.
server_suite embedded "$results/server-embedded.json" >"$results/server-embedded.log" 2>&1 &
embedded_suite=$!
server_suite production "$results/server-production.json"
wait "$embedded_suite"
cat "$results/server-embedded.log"
browser_suite
deploy_suite
container_suite
node scripts/summarize-tests.mjs "$results" server-production server-embedded e2e deploy container
